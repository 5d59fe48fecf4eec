package io.tidings.subscription;

import io.tidings.core.SiteConfig;
import io.tidings.delivery.LinkMail;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.Outbox;
import io.tidings.mail.TemplateRenderer;
import jakarta.inject.Singleton;

/** The double opt-in email, from {@code templates/email/confirm.*}. */
@Singleton
class ConfirmationMails extends LinkMail {

    ConfirmationMails(TemplateRenderer templates, Outbox outbox, SiteConfig site) {
        super(MessageKind.CONFIRMATION, "confirm", "/confirm", templates, outbox, site);
    }

    void queue(Subscriber subscriber, String recipientName, String token) {
        queue(subscriber.id(), subscriber.email(), recipientName, token);
    }
}
