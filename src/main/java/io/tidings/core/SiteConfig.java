package io.tidings.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * What a reader sees of the site: its name, where links point, its privacy policy.
 *
 * @param privacyPolicyUrl unset: the service's own page, {@code PUBLIC_BASE_URL/privacy}
 */
@ConfigurationProperties("tidings.site")
public record SiteConfig(String name, String publicBaseUrl, @Nullable String privacyPolicyUrl, String privacyPolicyVersion) {

    /** Where the service's built-in privacy page is. */
    public static final String PRIVACY_PATH = "/privacy";

    public SiteConfig {
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        privacyPolicyUrl = privacyPolicyUrl == null || privacyPolicyUrl.isBlank()
                ? publicBaseUrl + PRIVACY_PATH : privacyPolicyUrl.strip();
    }

    /** An absolute link for an email: base URL plus a path that starts with a slash. */
    public String link(String pathAndQuery) {
        return publicBaseUrl + pathAndQuery;
    }

    /** True when the privacy policy is the service's own page rather than one the operator publishes. */
    public boolean builtInPrivacyPolicy() {
        return privacyPolicyUrl.equals(link(PRIVACY_PATH));
    }
}
