package io.tidings.admin;

import io.tidings.core.SiteConfig;
import io.tidings.delivery.LinkMail;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.Outbox;
import io.tidings.mail.TemplateRenderer;
import jakarta.inject.Singleton;

/** Operators' emails, each one single-use link (templates/email/operator-*). */
final class OperatorMails {

    private OperatorMails() {
    }

    /** An invitation to become an operator. */
    @Singleton
    static class Invitation extends LinkMail {

        Invitation(TemplateRenderer templates, Outbox outbox, SiteConfig site) {
            super(MessageKind.INVITATION, "operator-invitation", AccountLinksController.INVITATION, templates, outbox, site);
        }
    }

    /** A link to choose a new password. */
    @Singleton
    static class PasswordReset extends LinkMail {

        PasswordReset(TemplateRenderer templates, Outbox outbox, SiteConfig site) {
            super(MessageKind.PASSWORD_RESET, "operator-password-reset", AccountLinksController.NEW_PASSWORD, templates,
                    outbox, site);
        }
    }
}
