package io.tidings.core;

/** A body larger than the product takes; 413 at the edge. */
public final class TooLargeException extends Refusal {

    public TooLargeException(String message) {
        super(Kind.TOO_LARGE, message);
    }
}
