package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * Consent given ({@link ConsentKind#CONFIRMED}, {@link ConsentKind#IMPORTED}) or withdrawn
 * ({@link ConsentKind#UNSUBSCRIBED}), with its evidence; {@code evidence} says where imported consent was given.
 */
@MappedEntity("consent_event")
record ConsentEvent(
        @Id @GeneratedValue @Nullable Long id,
        Long subscriberId,
        @MappedProperty(converter = ConsentKindColumn.class) ConsentKind kind,
        Source source,
        @Nullable String policyVersion,
        @Nullable String clientAddress,
        @Nullable String userAgent,
        Instant recordedAt,
        @Nullable String evidence) {
}
