package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * A message that did not go: refused by the relay (with its {@link Diagnosis}), or not sent for a
 * reason of ours or of the connection. Permanent means trying again would not change the answer.
 */
public final class SendFailure extends Exception {

    private final boolean permanent;
    private final int replyCode;
    private final Diagnosis diagnosis;
    private final Duration backOff;

    /** A failure without a relay's answer to read: a lost connection, a timeout, a message we cannot build. */
    public SendFailure(boolean permanent, int replyCode, String message, Throwable cause) {
        this(permanent, replyCode, message, cause, null, null);
    }

    private SendFailure(boolean permanent, int replyCode, String message, Throwable cause, Diagnosis diagnosis,
                        Duration backOff) {
        super(message, cause);
        this.permanent = permanent;
        this.replyCode = replyCode;
        this.diagnosis = diagnosis;
        this.backOff = backOff;
    }

    /** The relay's refusal of a message, read by the classifier. */
    static SendFailure refused(boolean permanent, int replyCode, String message, Diagnosis diagnosis) {
        return new SendFailure(permanent, replyCode, message, null, diagnosis, null);
    }

    /** The relay is busy ({@link RelayBreaker}): nothing about the message; it waits this long, its attempt not counted. */
    static SendFailure relayBusy(int replyCode, String message, Duration backOff) {
        return new SendFailure(false, replyCode, message, null, null, backOff);
    }

    public boolean permanent() {
        return permanent;
    }

    /** The SMTP reply code, or -1 when the relay gave none (connection lost, timeout). */
    public int replyCode() {
        return replyCode;
    }

    /**
     * How long new connections to the relay wait because it said it is busy, or null where it did
     * not: the message was never the reason, and is not charged an attempt.
     */
    @Nullable
    public Duration backOff() {
        return backOff;
    }

    /** What the relay's refusal is about, or null where the relay gave no answer to read. */
    @Nullable
    public Diagnosis diagnosis() {
        return diagnosis;
    }
}
