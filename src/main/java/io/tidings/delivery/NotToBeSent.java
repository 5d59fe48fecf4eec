package io.tidings.delivery;

/**
 * Thrown by a {@link MessageComposer} when a queued row must not be sent at all (its reader left,
 * its edition was cancelled). The row becomes {@code SUPPRESSED}, never retried.
 */
public final class NotToBeSent extends RuntimeException {

    public NotToBeSent(String reason) {
        super(reason, null, false, false);
    }
}
