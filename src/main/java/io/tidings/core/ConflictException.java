package io.tidings.core;

/** A request that clashes with what already exists; mapped to 409 at the edge. */
public final class ConflictException extends Refusal {

    public ConflictException(String message) {
        super(Kind.CONFLICT, message);
    }
}
