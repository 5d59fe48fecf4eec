package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Consent given ({@code confirmed}) or withdrawn ({@code unsubscribed}), with its evidence. */
@MappedEntity("consent_event")
record ConsentEvent(
        @Id @GeneratedValue @Nullable Long id,
        Long subscriberId,
        String kind,
        String source,
        @Nullable String policyVersion,
        @Nullable String clientAddress,
        @Nullable String userAgent,
        Instant recordedAt) {
}
