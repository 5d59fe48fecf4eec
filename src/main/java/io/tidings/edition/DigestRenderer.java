package io.tidings.edition;

import io.micronaut.core.annotation.Nullable;
import io.tidings.article.ContentSite;
import io.tidings.article.DigestArticle;
import io.tidings.core.SiteConfig;
import io.tidings.delivery.MessageComposer.Composed;
import io.tidings.delivery.Outbox;
import io.tidings.mail.Body;
import io.tidings.mail.TemplateRenderer;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unbescape.html.HtmlEscape;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Renders digests from {@code templates/email/digest.*}: once per edition and topic set into a
 * {@link Shell}, then merged with each reader's name and links. A digest lists at most
 * {@code DIGEST_MAX_ARTICLES} articles, the newest, and names the rest as "and N more" with a link to
 * the site, so a flooding feed never makes a huge email. List-Unsubscribe-Post goes only with an https
 * base URL (RFC 8058), and the start warns without one.
 */
@Singleton
class DigestRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(DigestRenderer.class);
    private static final DateTimeFormatter ARTICLE_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EDITION_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    // Random per start, so no article text can contain a hole by chance or on purpose.
    private final String nonce = UUID.randomUUID().toString().replace("-", "");
    private final String nameHole = "@@" + nonce + "name@@";
    private final String unsubscribeHole = "@@" + nonce + "unsubscribe@@";
    private final String preferencesHole = "@@" + nonce + "preferences@@";
    private final List<String> holes = List.of(nameHole, unsubscribeHole, preferencesHole);

    private final TemplateRenderer templates;
    private final SiteConfig site;
    private final ZoneId zone;
    private final String listDomain;
    private final String mailto;
    private final int maxArticles;
    private final String moreUrl;
    /** RFC 8058: a one-click unsubscribe is offered over https only. */
    private final boolean oneClick;

    DigestRenderer(TemplateRenderer templates, SiteConfig site, EditionConfig config, Outbox outbox, ContentSite contentSite) {
        this.templates = templates;
        this.site = site;
        this.zone = config.timeZone();
        this.maxArticles = config.maxArticles();
        this.moreUrl = contentSite.url();
        this.listDomain = outbox.messageIdDomain();
        this.mailto = config.listUnsubscribeMailto() == null || config.listUnsubscribeMailto().isBlank()
                ? null : config.listUnsubscribeMailto().strip();
        this.oneClick = site.publicBaseUrl().regionMatches(true, 0, "https://", 0, 8);
    }

    @EventListener
    void warnWithoutHttps(StartupEvent started) {
        if (!oneClick) {
            LOG.warn("PUBLIC_BASE_URL {} is not https: digests go without List-Unsubscribe-Post, as RFC 8058 forbids"
                    + " one-click unsubscribing over plain http, and Gmail and Yahoo ask bulk senders for it", site.publicBaseUrl());
        }
    }

    /** A digest rendered for one topic set, with holes for the reader's values. */
    record Shell(String subject, MergeTemplate text, MergeTemplate html, String listId) {
    }

    /**
     * One article as the templates show it: every value is escaped by the template engine.
     *
     * @param dateEstimated the date is when the article was first seen, its source giving none
     */
    record Item(String title, String url, String summary, @Nullable String author, String date, boolean dateEstimated) {
    }

    /**
     * A digest of {@code articles}, newest first and those of a guessed date last, of which it lists the
     * first {@code DIGEST_MAX_ARTICLES}. The first is the lead: the subject's title and the preheader.
     */
    Shell render(EditionContent content, List<DigestArticle> articles, boolean named, boolean test) {
        List<Item> items = articles.stream()
                .limit(maxArticles)
                .map(a -> new Item(a.title(), a.url(), a.summary(), a.author(), ARTICLE_DATE.format(a.publishedAt().atZone(zone)),
                        a.dateEstimated()))
                .toList();
        String frequency = content.frequency().label();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("site", site);
        model.put("frequency", frequency);
        model.put("date", EDITION_DATE.format(content.date().atZone(zone)));
        model.put("articles", items);
        model.put("lead", items.get(0));
        model.put("more", articles.size() - items.size());
        model.put("moreUrl", moreUrl);
        model.put("name", named ? nameHole : null);
        model.put("unsubscribeUrl", unsubscribeHole);
        model.put("preferencesUrl", preferencesHole);
        model.put("test", test);
        String subject = (test ? "[TEST] " : "")
                + templates.renderLine("email/digest-subject.txt", model);
        String listName = (site.name() + " " + frequency + " digest").replaceAll("[^\\p{L}\\p{N} .-]", "");
        return new Shell(subject, new MergeTemplate(templates.renderText("email/digest.txt", model), holes),
                new MergeTemplate(templates.render("email/digest.html", model), holes),
                listName + " <" + frequency + ".digest." + listDomain + ">");
    }

    Composed merge(Shell shell, @Nullable String name, String unsubscribeUrl, String preferencesUrl) {
        Map<String, String> values = Map.of(nameHole, name == null ? "" : name, unsubscribeHole, unsubscribeUrl,
                preferencesHole, preferencesUrl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Id", shell.listId());
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">"
                + (mailto == null ? "" : ", <mailto:" + mailto + "?subject=unsubscribe>"));
        if (oneClick) {
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        Body text = shell.text().merge(values, UnaryOperator.identity());
        // The shell is wrapped already; only a name longer than its hole can push the greeting past the width.
        if (name != null && name.length() > nameHole.length()) {
            text = Body.of(TemplateRenderer.wrap(text.text()));
        }
        return new Composed(shell.subject(), text,
                shell.html().merge(values, HtmlEscape::escapeHtml5Xml), headers);
    }
}
