package io.tidings.bounce;

import java.util.Locale;

/** Where a report came from; {@link #label()} is how the API and the database spell it. */
public enum Source {
    /** The relay's refusal during SMTP. */
    SMTP,
    /** The bounce mailbox, read over IMAP or POP3. */
    MAILBOX,
    /** {@code POST /webhooks/bounces}: one raw email. */
    WEBHOOK_RAW,
    SES,
    POSTMARK,
    SENDGRID,
    MAILGUN;

    /** {@code smtp}, {@code webhook-raw}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Source fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
