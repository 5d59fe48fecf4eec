package io.tidings.subscription;

import io.micronaut.core.annotation.Introspected;

/** A subscriber as an import's batch sees it: is the address here, in what state, and did this batch add it. */
@Introspected
record KnownAddress(long id, String uid, String emailKey, SubscriberStatus status) {
}
