package io.tidings.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.Bandwidth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets in this instance's memory: enough where one instance serves (embedded H2). */
final class LocalBuckets implements Buckets {

    /** Idle buckets are full again after the window, so they are dropped when the map grows. */
    private static final int SWEEP_ABOVE = 10_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /**
     * The size past which the next sweep runs: twice what the last one left. Many keys still within
     * their window (an attacker's addresses) then cost one sweep per doubling, not one per request.
     */
    private volatile int sweepAbove = SWEEP_ABOVE;
    private final Bandwidth limit;
    private final ServiceTime time;

    LocalBuckets(Bandwidth limit, ServiceTime time) {
        this.limit = limit;
        this.time = time;
    }

    @Override
    public Bucket of(String key) {
        if (buckets.size() > sweepAbove) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.getCapacity());
            sweepAbove = Math.max(SWEEP_ABOVE, 2 * buckets.size());
        }
        return buckets.computeIfAbsent(key, absent -> Bucket.builder()
                .addLimit(limit)
                .withCustomTimePrecision(time)
                .build());
    }

    @Override
    public Optional<Bucket> existing(String key) {
        return Optional.ofNullable(buckets.get(key));
    }
}
