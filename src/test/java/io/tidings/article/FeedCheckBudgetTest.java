package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A check ends at its time budget, though a feed's own timeouts would let it hang on much longer. */
@MicronautTest(transactional = false)
class FeedCheckBudgetTest extends FeedTestBase {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    FeedScheduler scheduler;

    @Override
    protected Map<String, String> feedProperties() {
        return Map.of("tidings.feed.list", String.join(";",
                        "hanging|" + site.url("/hanging.xml"),
                        "quick-a|" + site.url("/quick-a.xml"),
                        "quick-b|" + site.url("/quick-b.xml")),
                "tidings.feed.read-timeout", "1m",
                "tidings.feed.check-timeout", CHECK_TIMEOUT.toSeconds() + "s");
    }

    @Test
    void a_check_ends_at_its_budget_and_a_feed_still_being_fetched_then_is_stopped_as_its_error() {
        site.hang("/hanging.xml");
        site.serve("/quick-a.xml", RSS, rss(item("qa", "https://site.example/budget/a", "A", clock.instant())));
        site.serve("/quick-b.xml", RSS, rss(item("qb", "https://site.example/budget/b", "B", clock.instant())));

        long started = System.nanoTime();
        scheduler.run();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the check's time, its budget being " + CHECK_TIMEOUT)
                .isBetween(CHECK_TIMEOUT, CHECK_TIMEOUT.plusSeconds(1));
        assertThat(article("https://site.example/budget/a")).containsEntry("source", "quick-a");
        assertThat(article("https://site.example/budget/b")).containsEntry("source", "quick-b");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(feedView("hanging"))
                .containsEntry("lastStatus", "error")
                .containsEntry("lastError", "the check's time budget of 3 s ran out"));
    }
}
