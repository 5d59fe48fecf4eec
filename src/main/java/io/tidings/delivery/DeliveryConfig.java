package io.tidings.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How the outbox is drained: workers per instance, claim size, lease and retry schedule. */
@ConfigurationProperties("tidings.delivery")
public record DeliveryConfig(
        int workers,
        int batchSize,
        Duration pollInterval,
        Duration lease,
        int maxAttempts,
        Duration firstRetry,
        Duration maxRetry) {
}
