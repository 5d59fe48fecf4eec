package io.tidings.core;

/** The caller lacks the right to what the request asks; mapped to 403 at the edge. */
public final class ForbiddenException extends Refusal {

    public ForbiddenException(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
