package io.tidings.core;

import io.micronaut.context.annotation.ConfigurationProperties;

/** What a reader sees of the site: its name, where links point, its privacy policy. */
@ConfigurationProperties("tidings.site")
public record SiteConfig(String name, String publicBaseUrl, String privacyPolicyUrl, String privacyPolicyVersion) {

    public SiteConfig {
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** An absolute link for an email: base URL plus a path that starts with a slash. */
    public String link(String pathAndQuery) {
        return publicBaseUrl + pathAndQuery;
    }
}
