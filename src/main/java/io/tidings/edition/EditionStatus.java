package io.tidings.edition;

/** What the operator wants of an edition; whether it is done is read from its outbox rows. */
enum EditionStatus {
    ACTIVE, PAUSED, CANCELLED
}
