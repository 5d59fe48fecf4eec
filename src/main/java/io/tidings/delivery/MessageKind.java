package io.tidings.delivery;

/** What an outbox row carries. */
public enum MessageKind {
    CONFIRMATION,
    /** The link that moves a subscription to a new address, sent to that address. */
    ADDRESS_CHANGE,
    /** An edition's digest for one subscriber. */
    DIGEST,
    /** An operator's test copy of an edition, to any address. */
    DIGEST_TEST,
    /** An invitation to become an operator, with its single-use link. */
    INVITATION,
    /** An operator's password reset link. */
    PASSWORD_RESET;

    /** Sent once for one occasion (a request, an operator's test) rather than to a list. */
    public boolean oneOff() {
        return this != DIGEST;
    }
}
