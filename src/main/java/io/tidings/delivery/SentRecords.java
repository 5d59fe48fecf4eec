package io.tidings.delivery;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for sent messages, on a thread of its own. A worker whose message the relay accepted
 * queues the record and goes on with its next message at once; it waits for that record's commit
 * only before it ends the next message's data (see {@link Pending#await}), so a crash resends at most
 * the one message each worker had accepted but not recorded. Meanwhile the recorder writes every
 * record queued by then in one statement: the database's round trip overlaps the relay's, and under
 * load one commit carries the records of all the workers.
 */
@Singleton
class SentRecords {

    /** Stands for the record before a worker's first message: nothing to wait for. */
    static final Pending NONE = Pending.none();

    private final Outcomes outcomes;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private Thread recorder;

    SentRecords(Outcomes outcomes) {
        this.outcomes = outcomes;
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
                group.add(queued.take());
                queued.drainTo(group);
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
