package io.tidings.mail;

/** A message the relay did not take; permanent for a 5xx reply, transient for anything else. */
public final class SendFailure extends Exception {

    private final boolean permanent;
    private final int replyCode;

    public SendFailure(boolean permanent, int replyCode, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.replyCode = replyCode;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The SMTP reply code, or -1 when the relay gave none (connection lost, timeout). */
    public int replyCode() {
        return replyCode;
    }
}
