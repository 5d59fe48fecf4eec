package io.tidings.web;

import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per key (a client address, the first characters of a token): {@code capacity}
 * tokens, refilled evenly over {@code window} (see {@link Throttles#of}), counted by every instance
 * together where they share a database.
 */
public final class Throttle {

    private final Buckets buckets;

    Throttle(Buckets buckets) {
        this.buckets = buckets;
    }

    /** Takes a token for the key; false when it has none left. */
    public boolean tryTake(String key) {
        return buckets.of(key).tryConsume(1);
    }

    /** How long until the key has a token again, without taking one; empty when it has one now. */
    public Optional<Duration> waitFor(String key) {
        return buckets.existing(key).map(bucket -> bucket.estimateAbilityToConsume(1))
                .filter(probe -> !probe.canBeConsumed())
                .map(probe -> Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
