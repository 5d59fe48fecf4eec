package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds are fetched from public addresses only: a feed, or a redirect, pointing inside the network is refused.
 * Private addresses are not allowed here, unlike in the other feed tests.
 */
@MicronautTest(transactional = false)
class FeedAddressFenceTest extends FeedTestBase {

    /** A service only the machine itself should reach, such as an admin console or a metadata endpoint. */
    private final FeedServer internal = new FeedServer();
    private final FeedServer publicSite = new FeedServer(PublicTestSite.ADDRESS);

    @Override
    protected Map<String, String> feedProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("spec.name", PublicTestSite.SPEC);
        properties.put("tidings.feed.allow-private", "false");
        properties.put("tidings.feed.list", String.join(";",
                "redirected|" + publicSite.url("/redirected.xml"),
                "public|" + publicSite.url("/public.xml"),
                "internal|" + internal.url("/internal.xml")));
        return properties;
    }

    @AfterAll
    void stopSites() {
        internal.close();
        publicSite.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/internal.xml", "http://localhost:%d/internal.xml",
            "http://[::ffff:127.0.0.1]:%d/internal.xml", "http://2130706433:%d/internal.xml",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]:%d/internal.xml", "http://10.0.0.1/feed.xml"})
    void a_redirect_into_the_network_is_refused_and_nothing_behind_it_is_stored(String target) {
        internal.serve("/internal.xml", RSS, rss(item("internal-1", "https://site.example/internal", "Internal only",
                clock.instant())));
        publicSite.redirect("/redirected.xml", target.formatted(internal.port()));
        int before = internal.requests("/internal.xml").size();

        Map<String, Object> result = poll("redirected");

        assertThat(result).containsEntry("status", "error");
        assertThat((String) result.get("error")).startsWith("refused ").contains("is not a public address");
        assertThat(internal.requests("/internal.xml")).hasSize(before);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE url = 'https://site.example/internal'")).isZero();
    }

    @Test
    void a_redirect_to_a_public_address_is_followed() {
        publicSite.serve("/public.xml", RSS, rss(item("public-1", "https://site.example/public", "Public", clock.instant())));
        publicSite.redirect("/redirected.xml", "/public.xml");

        assertThat(poll("redirected")).containsEntry("status", "ok").containsEntry("created", 1);
        assertThat(article("https://site.example/public")).containsEntry("source", "redirected");
    }

    @Test
    void a_feed_whose_own_address_is_inside_the_network_is_refused() {
        internal.serve("/internal.xml", RSS, rss(item("internal-2", "https://site.example/internal-2", "Internal",
                clock.instant())));

        Map<String, Object> result = poll("internal");

        assertThat(result).containsEntry("status", "error")
                .containsEntry("error", "refused 127.0.0.1: 127.0.0.1 is not a public address (FEED_ALLOW_PRIVATE=true allows it)");
        assertThat(internal.requests("/internal.xml")).isEmpty();
    }
}
