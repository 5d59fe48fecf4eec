package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check of 100 feeds, two of them hostile, on public addresses only: the hostile ones are their own errors,
 * and the other 98 are polled within the check's time budget.
 */
@MicronautTest(transactional = false)
class FeedCheckTest extends FeedTestBase {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> GOOD = IntStream.range(0, 98).mapToObj(i -> "good-%02d".formatted(i)).toList();

    private final FeedServer internal = new FeedServer();
    private final FeedServer publicSite = new FeedServer(PublicTestSite.ADDRESS);

    @Inject
    FeedScheduler scheduler;

    @Override
    protected Map<String, String> feedProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("spec.name", PublicTestSite.SPEC);
        properties.put("tidings.feed.allow-private", "false");
        properties.put("tidings.feed.poll-interval", "1h");
        properties.put("tidings.feed.check-timeout", CHECK_TIMEOUT.toSeconds() + "s");
        // Listed first, as they were when the bomb stopped every feed after it.
        StringBuilder list = new StringBuilder("bomb|" + publicSite.url("/bomb.xml") + ";to-loopback|" + publicSite.url("/to-loopback.xml"));
        GOOD.forEach(name -> list.append(';').append(name).append('|').append(publicSite.url("/" + name + ".xml")));
        properties.put("tidings.feed.list", list.toString());
        return properties;
    }

    @AfterAll
    void stopSites() {
        internal.close();
        publicSite.close();
    }

    private Map<String, Integer> requestCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : List.of("bomb", "to-loopback", "good-00", "good-97")) {
            counts.put(name, publicSite.requests("/" + name + ".xml").size());
        }
        return counts;
    }

    @Test
    void a_check_of_100_feeds_polls_the_98_good_ones_within_its_budget_and_the_bomb_and_the_redirect_are_their_own_errors() {
        Instant now = clock.instant();
        publicSite.serve("/bomb.xml", "application/atom+xml", FeedParserTest.atomNested(20_000));
        internal.serve("/internal.xml", RSS, rss(item("internal", "https://site.example/internal", "Internal", now)));
        publicSite.redirect("/to-loopback.xml", internal.url("/internal.xml"));
        GOOD.forEach(name -> publicSite.serve("/" + name + ".xml", RSS,
                rss(item(name, "https://site.example/check/" + name, "Article of " + name, now))));

        long started = System.nanoTime();
        scheduler.run();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the check's time").isLessThanOrEqualTo(CHECK_TIMEOUT);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source LIKE 'good-%'")).isEqualTo(98);
        assertThat(sql.count("SELECT COUNT(*) FROM feed_state WHERE name LIKE 'good-%' AND consecutive_errors = 0 AND last_polled_at IS NOT NULL"))
                .isEqualTo(98);
        assertThat(feedView("bomb")).containsEntry("lastStatus", "error").containsEntry("consecutiveErrors", 1)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("exceeds the limit"));
        assertThat(feedView("to-loopback")).containsEntry("lastStatus", "error").containsEntry("consecutiveErrors", 1)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).startsWith("refused 127.0.0.1"));
        assertThat(internal.requests("/internal.xml")).isEmpty();
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE url = 'https://site.example/internal'")).isZero();

        Map<String, Integer> afterFirst = requestCounts();
        clock.advance(Duration.ofHours(1));
        scheduler.run();
        for (String hostile : List.of("bomb", "to-loopback")) {
            Map<String, Object> view = feedView(hostile);
            assertThat(view).containsEntry("consecutiveErrors", 2).containsEntry("nextPollAt",
                    Instant.parse((String) view.get("lastPolledAt")).plus(Duration.ofHours(2)).toString());
        }

        Map<String, Integer> afterSecond = requestCounts();
        clock.advance(Duration.ofHours(1));
        scheduler.run();
        Map<String, Integer> afterThird = requestCounts();
        assertThat(afterSecond).as("an hour later, every feed is polled again")
                .containsEntry("bomb", afterFirst.get("bomb") + 1).containsEntry("good-97", afterFirst.get("good-97") + 1);
        assertThat(afterThird).as("after two failures in a row, the hostile feeds wait two hours")
                .containsEntry("bomb", afterSecond.get("bomb")).containsEntry("to-loopback", afterSecond.get("to-loopback"))
                .containsEntry("good-00", afterSecond.get("good-00") + 1).containsEntry("good-97", afterSecond.get("good-97") + 1);
    }
}
