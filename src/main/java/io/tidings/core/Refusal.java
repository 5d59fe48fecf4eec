package io.tidings.core;

/** A request the product refuses for a reason the edge turns into a status: 403, 404, 409 or 413. */
public abstract class Refusal extends RuntimeException {

    /** What kind of refusal, so the edge can choose the status without knowing each exception. */
    public enum Kind { FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE }

    private final Kind kind;

    protected Refusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
