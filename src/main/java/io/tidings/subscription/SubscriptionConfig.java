package io.tidings.subscription;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** Topics on offer and the limits that keep the signup form from being abused. */
@ConfigurationProperties("tidings.subscription")
public record SubscriptionConfig(
        List<String> topics,
        Duration confirmationTtl,
        Duration pendingRetention,
        int confirmationsPerAddressShort,
        Duration confirmationsShortWindow,
        int confirmationsPerAddressDay,
        int requestsPerClientMinute,
        List<String> trustedProxies) {
}
