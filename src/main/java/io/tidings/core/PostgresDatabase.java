package io.tidings.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL, the production database, which many instances may share.
 *
 * @param dataSource the pool itself, outside any transaction
 */
record PostgresDatabase(DataSource dataSource, String description) implements Database {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    @Override
    public boolean skipsLockedRows() {
        return true;
    }

    @Override
    public boolean updatesFromArrays() {
        return true;
    }

    @Override
    public boolean sharedByInstances() {
        return true;
    }

    /**
     * {@code synchronous_commit = off} for that transaction alone. SET LOCAL does the same but, outside
     * an explicit BEGIN, writes a warning to the server's log each time.
     */
    @Override
    public String commitWithoutFlush() {
        return "set_config('synchronous_commit', 'off', true)";
    }

    /**
     * Until autovacuum gets round to it, a minute or more later, the planner believes the table holds
     * what it held before the change. Runs on a connection of its own, after the change committed.
     */
    @Override
    public void refreshStatistics(String table) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + table);
        } catch (SQLException e) {
            // Autovacuum will do it later; until then plans are slower, not wrong.
            LOG.warn("Could not refresh the statistics of {}: {}", table, e.getMessage());
        }
    }
}
