package io.tidings.mail;

/**
 * One body of a message (its text or its HTML): what a reader sees, and its quoted-printable form as
 * the message carries it.
 */
public interface Body {

    /** The body as rendered, for previews and reading. */
    String text();

    /** The body in RFC 2045 quoted-printable, lines ending in CRLF. */
    byte[] quotedPrintable();

    /** A body rendered for one message alone, encoded when the message is written. */
    static Body of(String text) {
        return new Whole(text);
    }

    /** A body of its own. */
    record Whole(String text) implements Body {

        @Override
        public byte[] quotedPrintable() {
            return QuotedPrintable.encode(text);
        }
    }
}
