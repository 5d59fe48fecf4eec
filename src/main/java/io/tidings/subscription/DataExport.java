package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.delivery.DeliveryRecord;

import java.time.Instant;
import java.util.List;

/** Everything Tidings keeps about one reader, as they download it. */
@Serdeable
record DataExport(Instant exportedAt, Profile subscriber, List<Consent> consents, List<DeliveryRecord> deliveries,
                  OlderDeliveries olderDeliveries, List<BounceHistory.Entry> bounces) {

    /**
     * What is kept of emails older than the history retention: not the emails, only when the last of
     * them was accepted by the relay (null when none was).
     */
    @Serdeable
    record OlderDeliveries(String note, long keptDays, @Nullable Instant lastSentAt) {
    }

    @Serdeable
    record Profile(String email, @Nullable String name, String status, String frequency, List<String> topics,
                   Instant createdAt, @Nullable Instant confirmedAt, @Nullable Instant unsubscribedAt,
                   @Nullable Instant pausedUntil) {
    }

    @Serdeable
    record Consent(String kind, String source, @Nullable String policyVersion, @Nullable String clientAddress,
                   @Nullable String userAgent, Instant recordedAt) {
    }
}
