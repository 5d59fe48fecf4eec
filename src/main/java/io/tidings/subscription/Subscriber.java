package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("subscriber")
record Subscriber(
        @Id @GeneratedValue @Nullable Long id,
        String uid,
        String email,
        String emailKey,
        @Nullable String name,
        SubscriberStatus status,
        Frequency frequency,
        String manageTokenHash,
        Instant createdAt,
        @Nullable Instant confirmedAt,
        @Nullable Instant unsubscribedAt,
        @Nullable Instant pausedUntil) {

    /** Confirmed at {@code at}, with the name and frequency the confirmed request asked for. */
    Subscriber confirmed(@Nullable String newName, Frequency newFrequency, Instant at) {
        return new Subscriber(id, uid, email, emailKey, newName, SubscriberStatus.CONFIRMED, newFrequency,
                manageTokenHash, createdAt, at, null, pausedUntil);
    }

    Subscriber unsubscribed(Instant at) {
        return new Subscriber(id, uid, email, emailKey, name, SubscriberStatus.UNSUBSCRIBED, frequency,
                manageTokenHash, createdAt, confirmedAt, at, pausedUntil);
    }
}
