package io.tidings.delivery;

/** What an outbox row carries. */
public enum MessageKind {
    CONFIRMATION
}
