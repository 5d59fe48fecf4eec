package io.tidings.subscription;

/** A link from an email that no longer works, and why. */
public final class InvalidLinkException extends RuntimeException {

    /** Why the link does not work; each maps to its own page and status. */
    public enum Reason {
        UNKNOWN("This link is not valid. It may have been mistyped or cut off."),
        EXPIRED("This confirmation link has expired."),
        USED("This confirmation link has already been used.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    InvalidLinkException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
