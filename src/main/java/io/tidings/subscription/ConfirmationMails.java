package io.tidings.subscription;

import io.tidings.core.SiteConfig;
import io.tidings.delivery.MessageComposer;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.Outbox;
import io.tidings.delivery.OutgoingEmail;
import io.tidings.mail.TemplateRenderer;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The double opt-in email: queued with its token inside the subscribe transaction, rendered from
 * {@code templates/email/confirm.*} when a worker sends it.
 */
@Singleton
class ConfirmationMails implements MessageComposer {

    private final TemplateRenderer templates;
    private final Outbox outbox;
    private final SiteConfig site;

    ConfirmationMails(TemplateRenderer templates, Outbox outbox, SiteConfig site) {
        this.templates = templates;
        this.outbox = outbox;
        this.site = site;
    }

    void queue(Subscriber subscriber, String recipientName, String token) {
        outbox.enqueue(new OutgoingEmail(MessageKind.CONFIRMATION, subscriber.id(), subscriber.email(), recipientName, token));
    }

    @Override
    public MessageKind kind() {
        return MessageKind.CONFIRMATION;
    }

    @Override
    public Composed compose(OutgoingEmail queued) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", site);
        model.put("name", queued.recipientName());
        model.put("confirmUrl", site.link("/confirm?token=" + URLEncoder.encode(queued.linkToken(), StandardCharsets.UTF_8)));
        String subject = templates.render("email/confirm-subject.txt", model).strip().replaceAll("\\s+", " ");
        return new Composed(subject, templates.render("email/confirm.txt", model),
                templates.render("email/confirm.html", model), Map.of());
    }
}
