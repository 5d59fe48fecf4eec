package io.tidings.core;

/** Something the request names does not exist; mapped to 404 at the edge. */
public final class NotFoundException extends Refusal {

    public NotFoundException(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
