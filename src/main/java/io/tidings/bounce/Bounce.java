package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One report as stored: about outbox row {@code messageId} (null when only the address was known) and
 * reader {@code subscriberId}; {@code type} and {@code source} by their labels.
 */
@MappedEntity("bounce")
record Bounce(
        @Id @GeneratedValue @Nullable Long id,
        @Nullable Long subscriberId,
        @Nullable Long messageId,
        @Nullable Long editionId,
        String recipient,
        String type,
        @Nullable String status,
        @Nullable String diagnostic,
        String source,
        Instant receivedAt,
        @Nullable Instant restoredAt) {
}
