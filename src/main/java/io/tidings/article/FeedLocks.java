package io.tidings.article;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** A ShedLock lock per feed, so that one instance at a time polls a feed. */
@Singleton
class FeedLocks {

    private final LockProvider locks;
    private final Duration heldAtMost;

    FeedLocks(LockProvider locks, @Value("${shedlock.defaults.lock-at-most-for}") Duration heldAtMost) {
        this.locks = locks;
        this.heldAtMost = heldAtMost;
    }

    /** Runs the task holding the feed's lock, or returns empty at once when another instance holds it. */
    <T> Optional<T> holding(Feed feed, Supplier<T> task) {
        // Instances compare each other's lock times, so these are wall-clock times, not the service's Clock.
        LockConfiguration lock = new LockConfiguration(ClockProvider.now(), "feed-" + feed.name(), heldAtMost, Duration.ZERO);
        Optional<SimpleLock> held = locks.lock(lock);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(task.get());
        } finally {
            held.get().unlock();
        }
    }
}
