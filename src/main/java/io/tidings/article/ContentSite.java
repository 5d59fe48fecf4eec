package io.tidings.article;

import io.tidings.core.SiteConfig;
import jakarta.inject.Singleton;

/** Where the content site's articles live: {@code SITE_URL}, or the public base URL when unset. */
@Singleton
public class ContentSite {

    private final String url;

    ContentSite(ArticleConfig config, SiteConfig site) {
        String base = config.siteUrl() == null || config.siteUrl().isBlank() ? site.publicBaseUrl() : config.siteUrl();
        this.url = base.endsWith("/") ? base : base + "/";
    }

    /** The site's address, ending in a slash. */
    public String url() {
        return url;
    }
}
