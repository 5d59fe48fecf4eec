package io.tidings.edition;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;
import io.tidings.subscription.Frequency;

import java.time.Instant;

/**
 * One digest run.
 *
 * @param slot          the schedule time it belongs to; unique per frequency
 * @param messagePrefix random, so Message-IDs ({@code <prefix.subscriber@domain>}) never repeat across editions
 * @param completedAt   when its last message reached a final state (sent, failed or suppressed)
 * @param pausedReason  why delivery paused it by itself; null when the operator paused it, or it is not paused
 */
@MappedEntity("edition")
record Edition(
        @Id @GeneratedValue @Nullable Long id,
        Frequency frequency,
        Instant slot,
        Instant windowStart,
        Instant windowEnd,
        EditionStatus status,
        String messagePrefix,
        int articleCount,
        int recipientCount,
        Instant createdAt,
        @Nullable Instant completedAt,
        @Nullable String pausedReason) {
}
