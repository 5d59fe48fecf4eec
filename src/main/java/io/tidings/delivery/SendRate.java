package io.tidings.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * This instance's send rate, shared by its workers: token buckets of Bucket4j, per second and per
 * hour, each refilled evenly; a worker waits for a token before each message. No limit set, no wait.
 */
@Singleton
class SendRate {

    private final Bucket bucket;

    SendRate(DeliveryConfig config) {
        LocalBucketBuilder builder = Bucket.builder();
        boolean limited = false;
        if (config.ratePerSecond() > 0) {
            builder.addLimit(limit(config.ratePerSecond(), Duration.ofSeconds(1)));
            limited = true;
        }
        if (config.ratePerHour() > 0) {
            builder.addLimit(limit(config.ratePerHour(), Duration.ofHours(1)));
            limited = true;
        }
        this.bucket = limited ? builder.build() : null;
    }

    private static Bandwidth limit(long tokens, Duration period) {
        return Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build();
    }

    /** Takes a token if one is there now, without waiting. */
    boolean tryAcquire() {
        return bucket == null || bucket.tryConsume(1);
    }

    void acquire() throws InterruptedException {
        if (bucket != null) {
            bucket.asBlocking().consume(1);
        }
    }
}
