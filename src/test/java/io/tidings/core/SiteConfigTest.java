package io.tidings.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SiteConfigTest {

    @Test
    void without_a_privacy_policy_url_the_link_is_the_built_in_page_under_the_public_base_url() {
        SiteConfig site = new SiteConfig("Tidings", "https://news.example.com/", null, "2026-01");
        SiteConfig blank = new SiteConfig("Tidings", "https://news.example.com", " ", "2026-01");

        assertThat(site.privacyPolicyUrl()).isEqualTo("https://news.example.com/privacy");
        assertThat(site.builtInPrivacyPolicy()).isTrue();
        assertThat(blank.privacyPolicyUrl()).isEqualTo("https://news.example.com/privacy");
    }

    @Test
    void a_configured_privacy_policy_url_is_linked_as_it_is() {
        SiteConfig site = new SiteConfig("Tidings", "https://news.example.com", "https://site.example/privacy-policy", "2026-01");

        assertThat(site.privacyPolicyUrl()).isEqualTo("https://site.example/privacy-policy");
        assertThat(site.builtInPrivacyPolicy()).isFalse();
    }
}
