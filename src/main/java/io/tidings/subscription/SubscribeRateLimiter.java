package io.tidings.subscription;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.tidings.web.TooManyRequestsException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps subscribe requests per client address (default 20 a minute) with a token bucket per
 * address. Idle buckets are full again after a minute, so they are dropped when the map grows.
 */
@Singleton
class SubscribeRateLimiter {

    private static final int SWEEP_ABOVE = 10_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final TimeMeter time;
    private final SubscriptionMetrics metrics;

    SubscribeRateLimiter(SubscriptionConfig config, SubscriptionMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.perMinute = config.requestsPerClientMinute();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    void acquire(String clientAddress) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(clientAddress, address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build());
        if (!bucket.tryConsume(1)) {
            metrics.subscription(SubscriptionMetrics.Outcome.RATE_LIMITED);
            throw new TooManyRequestsException();
        }
    }
}
