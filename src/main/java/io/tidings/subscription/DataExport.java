package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.delivery.DeliveryRecord;

import java.time.Instant;
import java.util.List;

/** Everything Tidings keeps about one reader, as they download it. */
@Serdeable
record DataExport(Instant exportedAt, Profile subscriber, List<Consent> consents, List<DeliveryRecord> deliveries,
                  List<BounceHistory.Entry> bounces) {

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
