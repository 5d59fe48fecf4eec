package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One email sent, or meant, to a reader, as their data export shows it. */
@Serdeable
public record DeliveryRecord(String kind, String status, int attempts, Instant queuedAt, @Nullable Instant sentAt,
                             @Nullable Long editionId) {
}
