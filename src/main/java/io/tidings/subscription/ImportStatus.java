package io.tidings.subscription;

import java.util.Locale;

/** Where an import job stands. */
public enum ImportStatus {
    RUNNING, DONE, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
