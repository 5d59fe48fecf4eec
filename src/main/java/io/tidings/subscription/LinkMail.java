package io.tidings.subscription;

import io.tidings.core.SiteConfig;
import io.tidings.delivery.MessageComposer;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.Outbox;
import io.tidings.delivery.OutgoingEmail;
import io.tidings.mail.Body;
import io.tidings.mail.TemplateRenderer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An email whose point is one confirmation link: queued with its token inside the transaction that
 * made it, rendered from {@code templates/email/<template>.*} when a worker sends it.
 */
abstract class LinkMail implements MessageComposer {

    private final MessageKind kind;
    private final String template;
    private final TemplateRenderer templates;
    private final Outbox outbox;
    private final SiteConfig site;

    LinkMail(MessageKind kind, String template, TemplateRenderer templates, Outbox outbox, SiteConfig site) {
        this.kind = kind;
        this.template = template;
        this.templates = templates;
        this.outbox = outbox;
        this.site = site;
    }

    void queue(long subscriberId, String recipient, String recipientName, String token) {
        outbox.enqueue(new OutgoingEmail(kind, subscriberId, recipient, recipientName, token));
    }

    @Override
    public MessageKind kind() {
        return kind;
    }

    @Override
    public Composed compose(OutgoingEmail queued) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", site);
        model.put("name", queued.recipientName());
        model.put("email", queued.recipient());
        model.put("confirmUrl", site.link("/confirm?token=" + URLEncoder.encode(queued.linkToken(), StandardCharsets.UTF_8)));
        String subject = templates.renderLine("email/" + template + "-subject.txt", model);
        return new Composed(subject, Body.of(templates.renderText("email/" + template + ".txt", model)),
                Body.of(templates.render("email/" + template + ".html", model)), Map.of());
    }
}
