package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One double opt-in request; {@code topics} is ';'-separated, empty for all topics. With a
 * {@code newEmail} it asks to move a subscription to that address, which must confirm it.
 */
@MappedEntity("confirmation")
record Confirmation(
        @Id @GeneratedValue @Nullable Long id,
        Long subscriberId,
        String tokenHash,
        @Nullable String name,
        Frequency frequency,
        String topics,
        Source source,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable String newEmail) {
}
