package io.tidings.delivery;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits {@code firstRetry * 3^(n-1)}, capped at
 * {@code maxRetry}, of which the second half is random, so rows that failed together (a relay
 * outage) do not all come back at the same instant. With the defaults (2 min, 12 h, 8 attempts)
 * the last attempt falls about a day after the first.
 */
@Singleton
class RetryPolicy {

    private final DeliveryConfig config;

    RetryPolicy(DeliveryConfig config) {
        this.config = config;
    }

    boolean exhausted(int attempts) {
        return attempts >= config.maxAttempts();
    }

    Instant nextAttempt(Instant now, int attempts) {
        long ceiling = config.firstRetry().toMillis();
        for (int i = 1; i < attempts && ceiling < config.maxRetry().toMillis(); i++) {
            ceiling *= 3;
        }
        ceiling = Math.min(ceiling, config.maxRetry().toMillis());
        long floor = ceiling / 2;
        return now.plus(Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1)));
    }
}
