package io.tidings.core;

/** H2, the embedded database of one instance: the portable way for everything. */
record H2Database(String description) implements Database {

    @Override
    public boolean skipsLockedRows() {
        return false;
    }

    @Override
    public boolean updatesFromArrays() {
        return false;
    }

    @Override
    public boolean sharedByInstances() {
        return false;
    }

    @Override
    public String commitWithoutFlush() {
        return "";
    }

    @Override
    public void refreshStatistics(String table) {
        // H2 plans from its row counts as they are.
    }
}
