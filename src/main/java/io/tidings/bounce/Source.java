package io.tidings.bounce;

import java.util.Locale;

/** STAND-IN for bounce-core's class (BOUNCE-API.md); removed when the real pipeline is merged. */
public enum Source {
    SMTP, MAILBOX, WEBHOOK_RAW, SES, POSTMARK, SENDGRID, MAILGUN;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
