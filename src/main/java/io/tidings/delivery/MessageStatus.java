package io.tidings.delivery;

import java.util.Locale;

/** Where an outbox row stands; SENT, FAILED and SUPPRESSED are final. */
public enum MessageStatus {
    PENDING, SENDING, SENT, FAILED, SUPPRESSED;

    /** As operators read it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
