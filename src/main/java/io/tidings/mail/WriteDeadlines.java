package io.tidings.mail;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer behind the relay write timeout, one for every connection in the JVM. Angus Mail arms a
 * timer around each write to the relay and, by default, gives each connection a timer thread of its
 * own that every write wakes: in the delivery benchmark those threads took 9% of the service's CPU,
 * and a message cost the service 520 µs of CPU with them against 440 µs with this.
 * Here arming a deadline is an insert into a set and disarming it a removal, and one thread sweeps
 * the set every {@link #SWEEP}: a stuck write is still cut off, at most a sweep late. One thread is
 * enough because what fires closes the plain TCP socket under any TLS layer, which does not block.
 * Only {@link #schedule(Callable, long, TimeUnit)}, the one method Angus Mail calls, works this way.
 */
final class WriteDeadlines extends ScheduledThreadPoolExecutor {

    static final Duration SWEEP = Duration.ofMillis(100);
    private static final WriteDeadlines SHARED = new WriteDeadlines();
    private final Set<Deadline<?>> armed = ConcurrentHashMap.newKeySet();

    private WriteDeadlines() {
        super(1, task -> {
            Thread thread = new Thread(task, "smtp-write-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    static WriteDeadlines shared() {
        return SHARED;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        Deadline<V> deadline = new Deadline<>(task, System.nanoTime() + unit.toNanos(delay));
        armed.add(deadline);
        return deadline;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadline<?> deadline : armed) {
            if (now - deadline.at >= 0 && armed.remove(deadline)) {
                deadline.run();
            }
        }
    }

    /** A write's deadline: cancelled when the write ends in time, run by the sweep when it does not. */
    private final class Deadline<V> extends FutureTask<V> implements ScheduledFuture<V> {

        private final long at;

        Deadline(Callable<V> task, long at) {
            super(task);
            this.at = at;
        }

        /** False once the sweep has taken it: the write ran out of time, and its result says so. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return armed.remove(this) && super.cancel(false);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
