package io.tidings.subscription;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** What the send path reads of a subscriber, topics ';'-joined, in one round trip. */
@Introspected
record ProfileRow(long id, String uid, String email, @Nullable String name, SubscriberStatus status, Frequency frequency,
                 @Nullable Instant pausedUntil, @Nullable String topics) {
}
