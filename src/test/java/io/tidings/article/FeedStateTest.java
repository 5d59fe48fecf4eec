package io.tidings.article;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedStateTest {

    private static final Instant NOON = Instant.parse("2026-11-02T12:00:00Z");
    private static final Feed FEED = new Feed("blog", URI.create("https://site.example/feed.xml"), List.of(), Duration.ofMinutes(30));

    private static FeedState polledOnce() {
        return FeedState.of(FEED, null).fetched(NOON, "\"v1\"", "Mon, 02 Nov 2026 08:00:00 GMT",
                new PollResult("blog", FeedStatus.OK, 10, 10, 0, 0, 1, null));
    }

    @Test
    void a_feed_is_due_once_its_interval_has_passed_since_its_last_poll() {
        assertThat(FeedState.of(FEED, null).dueAt(NOON, FEED.pollInterval())).as("never polled").isTrue();
        assertThat(polledOnce().dueAt(NOON.plus(Duration.ofMinutes(29)), FEED.pollInterval())).isFalse();
        assertThat(polledOnce().dueAt(NOON.plus(Duration.ofMinutes(30)), FEED.pollInterval())).isTrue();
    }

    @Test
    void failures_are_counted_and_a_success_ends_the_streak_but_not_the_total() {
        FeedState failed = polledOnce().failed(NOON, "x".repeat(5000)).failed(NOON, "the server answered HTTP 500");

        assertThat(failed.errorsTotal()).isEqualTo(2);
        assertThat(failed.consecutiveErrors()).isEqualTo(2);
        assertThat(failed.etag()).as("kept for the next try").isEqualTo("\"v1\"");
        assertThat(polledOnce().failed(NOON, "x".repeat(5000)).lastError()).hasSize(1000);

        FeedState recovered = failed.notModified(NOON.plus(Duration.ofHours(1)));
        assertThat(recovered.errorsTotal()).isEqualTo(2);
        assertThat(recovered.consecutiveErrors()).isZero();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.lastStatus()).isEqualTo(FeedStatus.NOT_MODIFIED);
    }

    @Test
    void a_feed_whose_url_changed_starts_over_but_keeps_its_totals() {
        Feed moved = new Feed("blog", URI.create("https://site.example/new-feed.xml"), List.of(), Duration.ofMinutes(30));

        FeedState state = FeedState.of(moved, polledOnce());

        assertThat(state.url()).isEqualTo("https://site.example/new-feed.xml");
        assertThat(state.etag()).isNull();
        assertThat(state.lastModified()).isNull();
        assertThat(state.firstPoll()).as("its back catalogue stays out of digests").isTrue();
        assertThat(state.itemsSeen()).isEqualTo(10);
        assertThat(state.itemsSkipped()).isEqualTo(1);
        assertThat(FeedState.of(FEED, polledOnce())).isEqualTo(polledOnce());
    }
}
