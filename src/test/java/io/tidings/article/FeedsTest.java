package io.tidings.article;

import io.micronaut.core.convert.ConversionService;
import io.tidings.subscription.SubscriptionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed list as configured: the FEEDS form, the tidings.feeds form, and the checks that stop a bad one at start. */
class FeedsTest {

    private static final SubscriptionConfig SUBSCRIPTIONS = new SubscriptionConfig(
            List.of("fertility", "pregnancy", "postpartum", "baby"), Duration.ofHours(48), Duration.ofDays(30),
            1, Duration.ofMinutes(10), 3, 20, List.of());

    private static Feeds feeds(String list, FeedProperties... configured) {
        return new Feeds(List.of(configured), FeedConfigs.withList(list), SUBSCRIPTIONS, ConversionService.SHARED);
    }

    @Test
    void the_feeds_line_and_configured_feeds_are_read_together_with_defaults_for_what_is_left_out() {
        Feeds feeds = feeds(" blog|https://site.example/feed.xml ; bumps|https://site.example/atom|Pregnancy, baby|15m;",
                new FeedProperties("yaml", "http://other.example/rss", null, Duration.ofHours(2)));

        assertThat(feeds.all()).containsExactly(
                new Feed("yaml", URI.create("http://other.example/rss"), List.of(), Duration.ofHours(2)),
                new Feed("blog", URI.create("https://site.example/feed.xml"), List.of(), Duration.ofMinutes(30)),
                new Feed("bumps", URI.create("https://site.example/atom"), List.of("pregnancy", "baby"), Duration.ofMinutes(15)));
        assertThat(feeds.named("bumps")).isPresent();
        assertThat(feeds.named("nope")).isEmpty();
        assertThat(feeds(null).all()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '!', value = {
            "a|https://site.example/1;a|https://site.example/2 ! Two feeds are named 'a'",
            "blog|https://site.example/f|gardening ! names topic 'gardening'",
            "blog|ftp://site.example/f ! needs an absolute http or https URL",
            "blog|/feed.xml ! needs an absolute http or https URL",
            "Blog|https://site.example/f ! must be 1 to 59 lower-case letters",
            "blog|https://site.example/f||10s ! the least is PT1M",
            "blog|https://site.example/f||soon ! not a duration",
            "blog ! is not name|url|topic,topic|interval"})
    void a_bad_entry_stops_the_service_with_the_reason(String list, String reason) {
        assertThatThrownBy(() -> feeds(list)).isInstanceOf(IllegalStateException.class).hasMessageContaining(reason);
    }
}
