package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A subscription request as a reader or a site sent it, before any check.
 *
 * @param website the honeypot: hidden from people, filled in by bots
 */
@Serdeable
public record SubscriptionRequest(
        @Nullable String email,
        @Nullable String name,
        @Nullable List<String> topics,
        @Nullable String frequency,
        @Nullable Boolean consent,
        @Nullable String website) {

    boolean honeypotFilled() {
        return website != null && !website.isBlank();
    }
}
