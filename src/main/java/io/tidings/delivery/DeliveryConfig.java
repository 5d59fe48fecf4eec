package io.tidings.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox is drained: workers per instance, claim size, lease, retry schedule, this
 * instance's send rate (0 = unlimited). {@code greylistRetry} is the first wait after the relay
 * answered a message with a 4xx (greylisting, a full mailbox), where a lost connection waits {@code firstRetry}.
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
        long ratePerHour,
        Duration greylistRetry) {
}
