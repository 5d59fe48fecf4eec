package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.text.Normalizer;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** Turns one scraped page into a stored article: parsed, checked, and given a URL when it has none. */
@Singleton
class PageImporter {

    private static final int SLUG_MAX = 80;
    private final ScrapedPageParser parser;
    private final ArticleRules rules;
    private final ArticleStore store;
    private final String siteUrl;

    PageImporter(ScrapedPageParser parser, ArticleRules rules, ArticleStore store, ContentSite site) {
        this.parser = parser;
        this.rules = rules;
        this.store = store;
        this.siteUrl = site.url();
    }

    record Imported(ScrapedPage page, ArticleStore.Upserted upserted) {
    }

    /**
     * @param url    the page's address; null for a slug of its title under the site's URL
     * @param topics null or empty for the keyword map's topics
     */
    Imported importPage(String text, @Nullable String url, @Nullable List<String> topics, String source) {
        ScrapedPage page = parser.parse(text);
        String address = url == null || url.isBlank() ? siteUrl + slug(page.title()) : url;
        ArticleCandidate candidate = new ArticleCandidate(address, null, page.title(), page.summary(),
                String.join("\n", page.paragraphs()), page.author(),
                page.date() == null ? null : page.date().atStartOfDay(ZoneOffset.UTC).toInstant(), null, topics,
                source, true);
        return new Imported(page, store.upsert(rules.check(candidate)));
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
