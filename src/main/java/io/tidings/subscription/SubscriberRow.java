package io.tidings.subscription;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/** A subscriber as operators see it, topics ';'-joined, in one round trip. */
@Introspected
record SubscriberRow(long id, String email, @Nullable String name, SubscriberStatus status, Frequency frequency,
                     @Nullable String topics, Instant createdAt, @Nullable Instant confirmedAt,
                     @Nullable Instant unsubscribedAt, @Nullable Instant pausedUntil, int hardBounces,
                     @Nullable Instant lastBounceAt) {

    SubscriberRecords.Summary summary() {
        return new SubscriberRecords.Summary(id, email, name, status, frequency,
                topics == null ? List.of() : List.of(topics.split(";")), createdAt, confirmedAt, unsubscribedAt,
                pausedUntil, hardBounces, lastBounceAt);
    }
}
