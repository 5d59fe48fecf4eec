package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.HtmlChecker;
import io.tidings.support.Http;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's feeds page over HTTP: add, poll now (last poll and error), change, remove; configured feeds stay as configured. */
@MicronautTest(transactional = false)
class FeedConsoleTest extends FeedTestBase {

    private static final String[] PAGE = {"Accept", "text/html", "Authorization", "Bearer " + ADMIN_TOKEN};

    @Inject
    FeedScheduler scheduler;

    @Override
    protected Map<String, String> feedProperties() {
        return Map.of("tidings.feeds.configured.url", site.url("/configured.xml"));
    }

    @BeforeEach
    void setUp() {
        given.clear();
        sql.update("DELETE FROM feed");
        sql.update("DELETE FROM feed_state");
    }

    @Test
    void a_feed_added_here_is_polled_now_shows_its_last_poll_and_is_polled_by_the_schedule_too() {
        site.serve("/added.xml", RSS, rss(item("a-1", "https://site.example/a/1", "Sleep and naps",
                clock.instant().minus(Duration.ofHours(1)))));

        HttpResponse<String> added = http.postForm("/admin/dashboard/feeds", Map.of("name", "added",
                "url", site.url("/added.xml"), "topics", "baby", "pollInterval", "45m"), PAGE);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/admin/dashboard/feeds?done=added");
        String before = feedSection(page("/admin/dashboard/feeds"), "added");
        assertThat(before).contains("<dd class=\"last-poll\">never</dd>").contains("45m").contains("baby").contains("this console");
        assertThat(feedView("added")).containsEntry("pollInterval", "PT45M");

        HttpResponse<String> polled = http.postForm("/admin/dashboard/feeds/added/poll", Map.of(), PAGE);
        assertThat(polled.statusCode()).isEqualTo(303);
        assertThat(polled.headers().firstValue("Location")).hasValue("/admin/dashboard/feeds?done=polled#feed-added");
        String after = feedSection(page("/admin/dashboard/feeds"), "added");
        assertThat(after).containsPattern("<dd class=\"last-poll\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, ok</dd>")
                .contains("<dd class=\"last-error\">none</dd>").contains("1 taken");
        assertThat(sql.text("SELECT source FROM article WHERE url = 'https://site.example/a/1'")).isEqualTo("added");

        // 45 minutes on, the schedule's check finds it due, as it would a configured feed.
        site.serve("/added.xml", RSS, rss(item("a-2", "https://site.example/a/2", "Night feeds",
                clock.instant().minus(Duration.ofMinutes(5)))));
        clock.advance(Duration.ofMinutes(46));
        scheduler.run();
        assertThat(sql.text("SELECT source FROM article WHERE url = 'https://site.example/a/2'")).isEqualTo("added");
    }

    @Test
    void a_failing_feed_shows_its_last_error() {
        HttpResponse<String> added = http.postForm("/admin/dashboard/feeds", Map.of("name", "gone", "url", site.url("/gone.xml")), PAGE);
        assertThat(added.statusCode()).isEqualTo(303);
        site.fail("/gone.xml", 500);

        http.postForm("/admin/dashboard/feeds/gone/poll", Map.of(), PAGE);

        String section = feedSection(page("/admin/dashboard/feeds"), "gone");
        assertThat(section).contains("UTC, error</dd>").containsPattern("<dd class=\"last-error paused-reason\">[^<]*500");
    }

    @Test
    void a_feed_added_here_changes_and_goes_and_a_configured_one_does_not() {
        http.postForm("/admin/dashboard/feeds", Map.of("name", "mine", "url", site.url("/mine.xml")), PAGE);

        HttpResponse<String> changed = http.postForm("/admin/dashboard/feeds/mine",
                Map.of("url", site.url("/other.xml"), "topics", "pregnancy"), PAGE);
        assertThat(changed.headers().firstValue("Location")).hasValue("/admin/dashboard/feeds?done=changed");
        assertThat(feedView("mine")).containsEntry("url", site.url("/other.xml"));

        HttpResponse<String> configured = http.postForm("/admin/dashboard/feeds/configured/remove", Map.of(), PAGE);
        assertThat(configured.statusCode()).isEqualTo(409);
        assertThat(configured.body()).contains("is set in the configuration; change it there");
        assertThat(page("/admin/dashboard/feeds")).contains("id=\"feed-configured\"");

        HttpResponse<String> removed = http.postForm("/admin/dashboard/feeds/mine/remove", Map.of(), PAGE);
        assertThat(removed.headers().firstValue("Location")).hasValue("/admin/dashboard/feeds?done=removed");
        assertThat(page("/admin/dashboard/feeds")).doesNotContain("id=\"feed-mine\"");
        assertThat(http.postForm("/admin/dashboard/feeds/mine/poll", Map.of(), PAGE).statusCode()).isEqualTo(404);
        assertThat(http.postForm("/admin/dashboard/feeds/mine/remove", Map.of(), PAGE).statusCode()).isEqualTo(404);
    }

    @Test
    void a_bad_feed_is_refused_with_the_reason_and_nothing_is_stored() {
        assertRefused(Map.of("name", "Bad Name", "url", site.url("/x.xml")), 422, "lower-case letters, digits and dashes");
        assertRefused(Map.of("name", "x", "url", "ftp://example.com/feed"), 422, "needs an absolute http or https URL");
        assertRefused(Map.of("name", "x", "url", site.url("/x.xml"), "topics", "astrology"), 422, "not one of TOPICS");
        assertRefused(Map.of("name", "x", "url", site.url("/x.xml"), "pollInterval", "10s"), 422, "the least is PT1M");
        assertRefused(Map.of("name", "x", "url", site.url("/x.xml"), "pollInterval", "soon"), 422, "a duration such as 15m");
        assertThat(http.postForm("/admin/dashboard/feeds", Map.of("name", "kept", "url", site.url("/kept.xml"),
                "topics", "baby", "pollInterval", "soon"), PAGE).body()).as("the add form comes back as it was sent")
                .contains("value=\"kept\"").contains("value=\"" + site.url("/kept.xml") + "\"")
                .contains("value=\"baby\" checked=\"checked\"").contains("value=\"soon\"");
        assertRefused(Map.of("name", "configured", "url", site.url("/x.xml")), 409, "A feed is already named");
        assertThat(sql.count("SELECT COUNT(*) FROM feed")).isZero();
    }

    private void assertRefused(Map<String, String> form, int status, String reason) {
        HttpResponse<String> refused = http.postForm("/admin/dashboard/feeds", form, PAGE);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(refused.body()).contains("<h1>Feeds</h1>").contains(reason);
    }

    private String page(String path) {
        HttpResponse<String> response = http.get(path, PAGE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HtmlChecker.errors(response.body())).as("HTML errors in " + path).isEmpty();
        return response.body();
    }

    /** The feed's own part of the page. */
    private static String feedSection(String page, String name) {
        int start = page.indexOf("id=\"feed-" + Http.encode(name) + "\"");
        assertThat(start).as("feed " + name + " on the page").isPositive();
        return page.substring(start, page.indexOf("</article>", start));
    }
}
