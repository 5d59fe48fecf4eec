package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.tidings.core.SiteConfig;
import jakarta.inject.Singleton;

import java.text.Normalizer;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Turns one scraped page into a stored article: parsed, checked, and stored. A page without an
 * address gets one on Tidings, {@code /articles/{slug}}, which shows the imported text: a digest's
 * link to it then answers, where a guessed address on the content site would not.
 */
@Singleton
class PageImporter {

    private static final int SLUG_MAX = 80;
    private final ScrapedPageParser parser;
    private final ArticleRules rules;
    private final ArticleStore store;
    private final SiteConfig site;

    PageImporter(ScrapedPageParser parser, ArticleRules rules, ArticleStore store, SiteConfig site) {
        this.parser = parser;
        this.rules = rules;
        this.store = store;
        this.site = site;
    }

    record Imported(ScrapedPage page, ArticleStore.Upserted upserted) {
    }

    /**
     * @param url    the page's address; null for a page on Tidings named by a slug of its title
     * @param topics null or empty for the keyword map's topics
     */
    Imported importPage(String text, @Nullable String url, @Nullable List<String> topics, String source) {
        ScrapedPage page = parser.parse(text);
        boolean hosted = url == null || url.isBlank();
        String slug = slug(page.title());
        ArticleCandidate candidate = new ArticleCandidate(hosted ? site.link(HostedPages.PATH + slug) : url, null,
                page.title(), page.summary(), String.join("\n", page.paragraphs()), page.author(),
                page.date() == null ? null : page.date().atStartOfDay(ZoneOffset.UTC).toInstant(), null, topics,
                source, true);
        ArticleDraft draft = rules.check(candidate);
        return new Imported(page, hosted
                ? store.upsertHosted(draft, slug, String.join("\n\n", page.paragraphs()))
                : store.upsert(draft));
    }

    /** "Is Coffee Safe While Breastfeeding?" becomes "is-coffee-safe-while-breastfeeding". */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX).replaceAll("-[^-]*$", "");
        }
        return slug.isEmpty() ? "article" : slug;
    }
}
