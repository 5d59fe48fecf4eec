package io.tidings.article;

import java.time.Duration;

/**
 * A point in elapsed time (not the service's clock, which tests move) after which a poll gives up, and
 * the words it then fails with.
 */
record Deadline(long nanos, String failure) {

    static Deadline after(Duration duration, String failure) {
        return new Deadline(System.nanoTime() + duration.toNanos(), failure);
    }

    /** Whichever of the two comes first. */
    Deadline or(Deadline other) {
        return nanos - other.nanos <= 0 ? this : other;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    /** Fails the poll once the deadline has passed. */
    void check() {
        if (remaining().isZero()) {
            throw new PollFailure(failure);
        }
    }
}
