package io.tidings.web;

import io.github.bucket4j.Bandwidth;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Makes the service's throttles, all on its clock, so tests can move time past a window. Where many
 * instances may share the database (PostgreSQL) their buckets are rows in it, so a limit holds across
 * all of them; on embedded H2 (one instance) they stay in memory.
 */
@Singleton
public class Throttles {

    private final ServiceTime time;
    private final BucketTable table;

    Throttles(Clock clock, BucketTable table) {
        this.time = new ServiceTime(clock);
        this.table = table;
    }

    /**
     * At most {@code capacity} per key, refilled evenly over {@code window}. The name tells this
     * throttle's keys from other throttles' in the shared table: every instance must give the same one.
     */
    public Throttle of(String name, int capacity, Duration window) {
        Bandwidth limit = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build();
        return new Throttle(table.proxies().<Buckets>map(proxies -> new SharedBuckets(proxies, name, limit))
                .orElseGet(() -> new LocalBuckets(limit, time)));
    }
}
