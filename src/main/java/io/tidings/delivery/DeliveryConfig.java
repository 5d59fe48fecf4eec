package io.tidings.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox is drained: workers per instance, claim size, lease, retry schedule, this
 * instance's send rate (0 = unlimited).
 */
@ConfigurationProperties("tidings.delivery")
public record DeliveryConfig(
        int workers,
        int batchSize,
        Duration pollInterval,
        Duration lease,
        int maxAttempts,
        Duration firstRetry,
        Duration maxRetry,
        long ratePerSecond,
        long ratePerHour) {
}
