package io.tidings.article;

import com.sun.net.httpserver.Headers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How a feed is fetched, how its failures are counted, and what the operator sees of it. */
@MicronautTest(transactional = false)
class FeedPollingTest extends FeedTestBase {

    private static final String NOVEMBER_2 = "Mon, 02 Nov 2026 08:00:00 GMT";

    @Override
    protected Map<String, String> feedProperties() {
        // The tidings.feeds.<name> form, as application.yml or a properties file gives it.
        return Map.of(
                "tidings.feeds.conditional.url", site.url("/conditional.xml"),
                "tidings.feeds.flaky.url", site.url("/flaky.xml"),
                "tidings.feeds.broken.url", site.url("/broken.xml"),
                "tidings.feeds.refused.url", unreachableUrl(),
                "tidings.feeds.large.url", site.url("/large.xml"),
                "tidings.feeds.shown.url", site.url("/shown.xml"),
                "tidings.feeds.shown.topics", "pregnancy,baby",
                "tidings.feeds.shown.poll-interval", "2h",
                "tidings.feed.max-size", "16KB");
    }

    private Headers lastRequest(String path) {
        List<Headers> requests = site.requests(path);
        return requests.get(requests.size() - 1);
    }

    @Test
    void a_second_poll_sends_the_validators_back_and_a_304_changes_nothing() {
        Instant published = clock.instant().minus(Duration.ofHours(1));
        site.serve("/conditional.xml", RSS, rss(item("c-1", "https://site.example/c/1", "One", published)),
                "\"v1\"", NOVEMBER_2);

        assertThat(poll("conditional")).containsEntry("status", "ok").containsEntry("created", 1);
        assertThat(lastRequest("/conditional.xml").getFirst("If-None-Match")).isNull();
        assertThat(lastRequest("/conditional.xml").getFirst("User-Agent")).isEqualTo("Tidings feed reader");

        Map<String, Object> second = poll("conditional");

        assertThat(lastRequest("/conditional.xml").getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(lastRequest("/conditional.xml").getFirst("If-Modified-Since")).isEqualTo(NOVEMBER_2);
        assertThat(second).containsEntry("status", "not-modified").containsEntry("items", 0).containsEntry("created", 0);
        assertThat(feedView("conditional")).containsEntry("lastStatus", "not-modified").containsEntry("itemsSeen", 1);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'conditional'")).isEqualTo(1);

        site.serve("/conditional.xml", RSS, rss(item("c-1", "https://site.example/c/1", "One", published),
                item("c-2", "https://site.example/c/2", "Two", published)), "\"v2\"", "Tue, 03 Nov 2026 08:00:00 GMT");
        assertThat(poll("conditional")).containsEntry("status", "ok").containsEntry("created", 1)
                .containsEntry("unchanged", 1);
        assertThat(sql.text("SELECT etag FROM feed_state WHERE name = 'conditional'")).isEqualTo("\"v2\"");
    }

    @Test
    void a_server_error_is_logged_and_counted_until_the_feed_recovers() {
        site.fail("/flaky.xml", 500);
        Scrape before = Scrape.of(http);

        Map<String, Object> failed = poll("flaky");
        poll("flaky");

        assertThat(failed).containsEntry("status", "error").containsEntry("error", "the server answered HTTP 500");
        assertThat(sql.count("SELECT errors_total FROM feed_state WHERE name = 'flaky'")).isEqualTo(2);
        assertThat(sql.count("SELECT consecutive_errors FROM feed_state WHERE name = 'flaky'")).isEqualTo(2);
        assertThat(feedView("flaky")).containsEntry("lastStatus", "error")
                .containsEntry("lastError", "the server answered HTTP 500");

        site.serve("/flaky.xml", RSS, rss(item("f-1", "https://site.example/flaky", "Back", clock.instant())));
        assertThat(poll("flaky")).containsEntry("status", "ok").containsEntry("created", 1);
        Scrape after = Scrape.of(http);
        assertThat(after.value("tidings_feed_polls_total", "feed", "flaky", "status", "error")
                - before.value("tidings_feed_polls_total", "feed", "flaky", "status", "error")).isEqualTo(2);
        assertThat(after.value("tidings_feed_polls_total", "feed", "flaky", "status", "ok")
                - before.value("tidings_feed_polls_total", "feed", "flaky", "status", "ok")).isEqualTo(1);
        assertThat(feedView("flaky")).containsEntry("lastStatus", "ok").containsEntry("errorsTotal", 2)
                .containsEntry("consecutiveErrors", 0).doesNotContainKey("lastError");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<rss version=\"2.0\"><channel><title>Cut off<item><title>half",
            "<html><body><h1>Not a feed</h1></body></html>",
            "",
            // An external entity must not be read, nor any DOCTYPE but RSS 0.91's accepted.
            """
                    <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                    <rss version="2.0"><channel><title>t</title><link>https://site.example/</link><description>d</description>
                    <item><title>&secret;</title><link>https://site.example/xxe</link></item></channel></rss>"""})
    void a_malformed_feed_is_an_error_and_stores_nothing(String body) {
        site.serve("/broken.xml", "text/xml", body);
        long errorsBefore = sql.count("SELECT COALESCE(MAX(errors_total), 0) FROM feed_state WHERE name = 'broken'");

        Map<String, Object> result = poll("broken");

        assertThat(result).containsEntry("status", "error");
        assertThat((String) result.get("error")).startsWith("not an RSS or Atom feed");
        assertThat(sql.count("SELECT errors_total FROM feed_state WHERE name = 'broken'")).isEqualTo(errorsBefore + 1);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'broken'")).isZero();
    }

    @Test
    void an_unreachable_feed_is_counted_as_an_error() {
        Map<String, Object> result = poll("refused");

        assertThat(result).containsEntry("status", "error");
        assertThat((String) result.get("error")).startsWith("cannot fetch the feed: ConnectException");
        assertThat(sql.count("SELECT errors_total FROM feed_state WHERE name = 'refused'")).isEqualTo(1);
    }

    @Test
    void a_feed_larger_than_the_limit_is_refused() {
        String item = item("l-%d", "https://site.example/large/%d", "Large", clock.instant());
        site.serve("/large.xml", RSS, rss(IntStream.range(0, 200)
                .mapToObj(i -> item.replace("%d", Integer.toString(i))).toArray(String[]::new)));

        Map<String, Object> result = poll("large");

        assertThat(result).containsEntry("status", "error").containsEntry("error", "the feed is larger than 16384 bytes");
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'large'")).isZero();
    }

    @Test
    void the_feed_list_shows_each_feeds_settings_and_how_its_polls_went() {
        Map<String, Object> before = feedView("shown");
        assertThat(before).containsEntry("url", site.url("/shown.xml"))
                .containsEntry("topics", List.of("pregnancy", "baby"))
                .containsEntry("pollInterval", "PT2H")
                .containsEntry("itemsSeen", 0)
                .doesNotContainKeys("lastStatus", "lastPolledAt", "nextPollAt");

        site.serve("/shown.xml", RSS, rss(item("s-1", "https://site.example/shown", "Shown", clock.instant())));
        poll("shown");

        Map<String, Object> after = feedView("shown");
        Instant polled = Instant.parse((String) after.get("lastPolledAt"));
        assertThat(after).containsEntry("lastStatus", "ok").containsEntry("itemsSeen", 1).containsEntry("errorsTotal", 0)
                .containsEntry("firstPolledAt", after.get("lastPolledAt"))
                .containsEntry("nextPollAt", polled.plus(Duration.ofHours(2)).toString());
    }

    @Test
    void polling_an_unknown_feed_is_a_404_problem_and_the_feed_api_needs_the_admin_token() {
        HttpResponse<String> unknown = http.post("/admin/feeds/nope/poll", "application/json", "", asAdmin());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.object(unknown.body())).containsEntry("status", 404).containsEntry("detail", "no feed is named 'nope'");
        assertThat(http.get("/admin/feeds").statusCode()).isEqualTo(401);
        assertThat(http.post("/admin/feeds/shown/poll", "application/json", "").statusCode()).isEqualTo(401);
    }
}
