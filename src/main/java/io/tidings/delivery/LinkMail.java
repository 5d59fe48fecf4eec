package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;
import io.tidings.core.SiteConfig;
import io.tidings.mail.Body;
import io.tidings.mail.TemplateRenderer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An email whose point is one single-use link (a reader's confirmation, an operator's invitation):
 * queued with its token inside the transaction that made it, rendered from
 * {@code templates/email/<template>.*} when a worker sends it, with the link as {@code confirmUrl}.
 */
public abstract class LinkMail implements MessageComposer {

    private final MessageKind kind;
    private final String template;
    private final String path;
    private final TemplateRenderer templates;
    private final Outbox outbox;
    private final SiteConfig site;

    /** {@code path}: the page the link opens, given the token as {@code ?token=}. */
    protected LinkMail(MessageKind kind, String template, String path, TemplateRenderer templates, Outbox outbox,
                       SiteConfig site) {
        this.kind = kind;
        this.template = template;
        this.path = path;
        this.templates = templates;
        this.outbox = outbox;
        this.site = site;
    }

    public void queue(@Nullable Long subscriberId, String recipient, @Nullable String recipientName, String token) {
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
        model.put("confirmUrl", site.link(path + "?token=" + URLEncoder.encode(queued.linkToken(), StandardCharsets.UTF_8)));
        String subject = templates.renderLine("email/" + template + "-subject.txt", model);
        return new Composed(subject, Body.of(templates.renderText("email/" + template + ".txt", model)),
                Body.of(templates.render("email/" + template + ".html", model)), Map.of());
    }
}
