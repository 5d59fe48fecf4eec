package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * Consent given ({@code confirmed}, {@code imported}) or withdrawn ({@code unsubscribed}), with its
 * evidence; {@code evidence} says where imported consent was given.
 */
@MappedEntity("consent_event")
record ConsentEvent(
        @Id @GeneratedValue @Nullable Long id,
        Long subscriberId,
        String kind,
        String source,
        @Nullable String policyVersion,
        @Nullable String clientAddress,
        @Nullable String userAgent,
        Instant recordedAt,
        @Nullable String evidence) {
}
