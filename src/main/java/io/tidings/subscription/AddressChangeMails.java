package io.tidings.subscription;

import io.tidings.core.SiteConfig;
import io.tidings.delivery.LinkMail;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.Outbox;
import io.tidings.mail.TemplateRenderer;
import jakarta.inject.Singleton;

/** The email to a new address that a reader asked to move to, from {@code templates/email/address-change.*}. */
@Singleton
class AddressChangeMails extends LinkMail {

    AddressChangeMails(TemplateRenderer templates, Outbox outbox, SiteConfig site) {
        super(MessageKind.ADDRESS_CHANGE, "address-change", "/confirm", templates, outbox, site);
    }
}
