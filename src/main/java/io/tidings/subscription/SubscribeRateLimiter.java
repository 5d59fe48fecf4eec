package io.tidings.subscription;

import io.tidings.web.Throttle;
import io.tidings.web.Throttles;
import io.tidings.web.TooManyRequestsException;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Caps subscribe requests per client address (default 20 a minute). */
@Singleton
class SubscribeRateLimiter {

    private final Throttle perClient;
    private final SubscriptionMetrics metrics;

    SubscribeRateLimiter(SubscriptionConfig config, SubscriptionMetrics metrics, Throttles throttles) {
        this.metrics = metrics;
        this.perClient = throttles.of("subscribe-per-client", config.requestsPerClientMinute(), Duration.ofMinutes(1));
    }

    void acquire(String clientAddress) {
        if (!perClient.tryTake(clientAddress)) {
            metrics.subscription(SubscriptionMetrics.Outcome.RATE_LIMITED);
            throw new TooManyRequestsException();
        }
    }
}
