package io.tidings.mail;

import java.util.Locale;

/**
 * What a refusal, a bounce or a report is about, whichever way it came back (a reply during SMTP, a
 * DSN, a feedback report, a provider's event). Only {@link #HARD}, {@link #SOFT} and
 * {@link #COMPLAINT} are the reader's doing; the others are the sender's or the message's, and
 * never count against a reader.
 */
public enum BounceType {
    /** The address does not exist (no such user, no such domain). */
    HARD,
    /** Temporary, or of a kind that is only believed when it repeats (mailbox full, unclassified). */
    SOFT,
    /** The receiving side refused the sender: policy, reputation, authentication, rate limits. */
    BLOCKED,
    /** The message itself was refused: too large, content. */
    MESSAGE,
    /** The reader reported the mail as spam. */
    COMPLAINT,
    /** A vacation message or other automatic answer: changes nothing. */
    AUTO_REPLY;

    /** As the API and the database spell it: {@code hard}, {@code auto-reply}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BounceType fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** True for what is counted against the reader rather than against the sender or the message. */
    public boolean readersDoing() {
        return this == HARD || this == SOFT || this == COMPLAINT;
    }
}
