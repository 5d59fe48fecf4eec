package io.tidings.delivery;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for sent messages. A worker whose message the relay accepted queues the record and
 * waits until it is committed before it sends anything else, so a crash resends at most the one
 * message each worker had in flight. The worker that takes the writer's turn writes every record
 * queued by then, in one statement: under load one commit carries the records of all the workers
 * waiting, where a commit per message cost the database a transaction and a round trip each.
 */
@Singleton
class SentRecords {

    private final Outcomes outcomes;
    private final Queue<Waiting> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    SentRecords(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** Returns once the record is committed; throws if the write that carried it failed. */
    void record(OutboxMessage message, String owner, Instant at, String reply) {
        Waiting waiting = new Waiting(new Outcomes.Sent(message, owner, at, reply));
        queued.add(waiting);
        writer.lock();
        try {
            if (!waiting.done) {
                writeQueued();
            }
        } finally {
            writer.unlock();
        }
        // Set by whichever worker wrote it, before that worker let go of the lock this one then took.
        if (waiting.failure != null) {
            throw waiting.failure;
        }
    }

    private void writeQueued() {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next = queued.poll(); next != null; next = queued.poll()) {
            group.add(next);
        }
        RuntimeException failure = null;
        try {
            outcomes.sent(group.stream().map(Waiting::sent).toList());
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Waiting waiting : group) {
            waiting.failure = failure;
            waiting.done = true;
        }
    }

    /** A record and what became of it, set under the writer's lock. */
    private static final class Waiting {

        private final Outcomes.Sent sent;
        private boolean done;
        private RuntimeException failure;

        Waiting(Outcomes.Sent sent) {
            this.sent = sent;
        }

        Outcomes.Sent sent() {
            return sent;
        }
    }
}
