package io.tidings.core;

/** Something the request names does not exist; mapped to 404 at the edge. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
