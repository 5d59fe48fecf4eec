package io.tidings.mail;

import java.util.regex.Pattern;

/** A message the relay did not take; permanent for a 5xx reply, transient for anything else. */
public final class SendFailure extends Exception {

    /** RFC 3463 enhanced status 5.1.x: the address itself is bad (no such user, no such domain). */
    private static final Pattern BAD_ADDRESS = Pattern.compile("\\b5\\.1\\.\\d{1,3}\\b");

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

    /** A permanent reply that says the recipient does not exist: an enhanced status 5.1.x, or "user unknown". */
    public boolean unknownRecipient() {
        String reply = getMessage() == null ? "" : getMessage();
        return permanent && (BAD_ADDRESS.matcher(reply).find() || reply.toLowerCase().contains("user unknown"));
    }
}
