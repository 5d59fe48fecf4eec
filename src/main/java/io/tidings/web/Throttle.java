package io.tidings.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address, the first characters of a token): {@code capacity}
 * tokens, refilled evenly over {@code window}. Counted per instance; buckets that all instances share
 * (Bucket4j's JDBC proxy managers) would change {@link #bucket} alone.
 */
public final class Throttle {

    /** Idle buckets are full again after the window, so they are dropped when the map grows. */
    private static final int SWEEP_ABOVE = 10_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /**
     * The size past which the next sweep runs: twice what the last one left. Many keys still within
     * their window (an attacker's addresses) then cost one sweep per doubling, not one per request.
     */
    private volatile int sweepAbove = SWEEP_ABOVE;
    private final int capacity;
    private final Duration window;
    private final TimeMeter time;

    Throttle(int capacity, Duration window, TimeMeter time) {
        this.capacity = capacity;
        this.window = window;
        this.time = time;
    }

    /** Takes a token for the key; false when it has none left. */
    public boolean tryTake(String key) {
        return bucket(key).tryConsume(1);
    }

    /** How long until the key has a token again, without taking one; empty when it has one now. */
    public Optional<Duration> waitFor(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private Bucket bucket(String key) {
        if (buckets.size() > sweepAbove) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
            sweepAbove = Math.max(SWEEP_ABOVE, 2 * buckets.size());
        }
        return buckets.computeIfAbsent(key, absent -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .withCustomTimePrecision(time)
                .build());
    }
}
