package io.tidings.delivery;

/** Published inside the transaction that queued rows; workers wake once it commits. */
record MessagesQueued(int count) {
}
