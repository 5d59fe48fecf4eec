package io.tidings.delivery;

/** Where an outbox row stands; SENT, FAILED and SUPPRESSED are final. */
public enum MessageStatus {
    PENDING, SENDING, SENT, FAILED, SUPPRESSED
}
