package io.tidings.delivery;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for sent messages, on a thread of its own. A worker whose message the relay accepted
 * queues the record and goes on with its next message at once; it waits for that record's commit
 * only before it ends the next message's data (see {@link Pending#await}), so a crash resends at most
 * the one message each worker had accepted but not recorded. Meanwhile the recorder writes the
 * records queued by then in one statement: the database's round trip overlaps the relay's, and under
 * load one commit carries the records of many workers.
 *
 * <p>A group of fewer records than half the workers waits up to {@link #GATHERING} for more. Each group
 * costs a statement, a commit and a round trip whatever its size (in {@code bench/delivery.sh} about
 * 140 µs of the service's CPU alone), and taken as they came, 16 workers' groups held four records;
 * waiting for eight cut PostgreSQL's CPU a message by a sixth (docs/benchmarks.md). The wait costs a
 * worker little: it needs its record only once its next message's data is written.
 */
@Singleton
class SentRecords {

    /** Stands for the record before a worker's first message: nothing to wait for. */
    static final Pending NONE = Pending.none();
    static final Duration GATHERING = Duration.ofMillis(1);

    private final Outcomes outcomes;
    private final int groupSize;
    private final long gatheringNanos;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private Thread recorder;

    @Inject
    SentRecords(Outcomes outcomes, DeliveryConfig config) {
        this(outcomes, Math.max(1, config.workers() / 2), GATHERING);
    }

    /** A group of fewer than {@code groupSize} records waits up to {@code gathering} for more. */
    SentRecords(Outcomes outcomes, int groupSize, Duration gathering) {
        this.outcomes = outcomes;
        this.groupSize = groupSize;
        this.gatheringNanos = gathering.toNanos();
    }

    /** Queues the record of a message the relay accepted; {@link Pending#await} says when it is committed. */
    Pending record(OutboxMessage message, String owner, Instant at, String reply) {
        Pending pending = new Pending(new Outcomes.Sent(message, owner, at, reply));
        started();
        queued.add(pending);
        return pending;
    }

    private synchronized void started() {
        if (recorder == null) {
            recorder = new Thread(this::recordQueued, "delivery-records");
            recorder.setDaemon(true);
            recorder.start();
        }
    }

    private void recordQueued() {
        List<Pending> group = new ArrayList<>();
        try {
            while (true) {
                gather(group);
                RuntimeException failure = null;
                try {
                    outcomes.sent(group.stream().map(Pending::sent).toList());
                } catch (RuntimeException e) {
                    failure = e;
                }
                for (Pending pending : group) {
                    pending.done(failure);
                }
                group.clear();
            }
        } catch (InterruptedException stopping) {
            CancellationException stopped = new CancellationException("the service is stopping");
            queued.drainTo(group);
            group.forEach(pending -> pending.committed.completeExceptionally(stopped));
        }
    }

    /** Takes the next record, then what is queued, then waits for more while the group is short. */
    private void gather(List<Pending> group) throws InterruptedException {
        group.add(queued.take());
        queued.drainTo(group);
        long until = System.nanoTime() + gatheringNanos;
        while (group.size() < groupSize) {
            Pending next = queued.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            group.add(next);
            queued.drainTo(group);
        }
    }

    /** Runs after the delivery workers have stopped, since they depend on this. */
    @PreDestroy
    synchronized void stop() {
        if (recorder != null) {
            recorder.interrupt();
        }
    }

    /** A queued record. */
    static final class Pending {

        private final Outcomes.Sent sent;
        private final CompletableFuture<Void> committed = new CompletableFuture<>();

        private Pending(Outcomes.Sent sent) {
            this.sent = sent;
        }

        private static Pending none() {
            Pending none = new Pending(null);
            none.committed.complete(null);
            return none;
        }

        Outcomes.Sent sent() {
            return sent;
        }

        private void done(RuntimeException failure) {
            if (failure == null) {
                committed.complete(null);
            } else {
                committed.completeExceptionally(failure);
            }
        }

        /**
         * Returns once the record is committed; throws what the write that carried it threw, or a
         * {@link CancellationException} if the worker is interrupted while it waits.
         */
        void await() {
            try {
                committed.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while a sent message was being recorded");
            }
        }
    }
}
