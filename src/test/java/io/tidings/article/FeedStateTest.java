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
    private static final Duration MAX_BACKOFF = Duration.ofHours(2);

    private static FeedState polledOnce() {
        return FeedState.of(FEED, null).fetched(NOON, "\"v1\"", "Mon, 02 Nov 2026 08:00:00 GMT",
                new PollResult("blog", FeedStatus.OK, 10, 10, 0, 0, 1, null));
    }

    @Test
    void a_feed_is_due_once_its_interval_has_passed_since_its_last_poll() {
        assertThat(FeedState.of(FEED, null).dueAt(NOON, FEED.pollInterval(), MAX_BACKOFF)).as("never polled").isTrue();
        assertThat(polledOnce().dueAt(NOON.plus(Duration.ofMinutes(29)), FEED.pollInterval(), MAX_BACKOFF)).isFalse();
        assertThat(polledOnce().dueAt(NOON.plus(Duration.ofMinutes(30)), FEED.pollInterval(), MAX_BACKOFF)).isTrue();
    }

    @Test
    void a_failing_feed_waits_twice_as_long_after_each_failure_in_a_row_up_to_the_cap() {
        FeedState once = polledOnce().failed(NOON, "the server answered HTTP 500");
        FeedState twice = once.failed(NOON, "the server answered HTTP 500");
        FeedState thrice = twice.failed(NOON, "the server answered HTTP 500");
        FeedState fourTimes = thrice.failed(NOON, "the server answered HTTP 500");

        assertThat(once.nextPollAt(FEED.pollInterval(), MAX_BACKOFF)).isEqualTo(NOON.plus(Duration.ofMinutes(30)));
        assertThat(twice.nextPollAt(FEED.pollInterval(), MAX_BACKOFF)).isEqualTo(NOON.plus(Duration.ofHours(1)));
        assertThat(thrice.nextPollAt(FEED.pollInterval(), MAX_BACKOFF)).isEqualTo(NOON.plus(Duration.ofHours(2)));
        assertThat(fourTimes.nextPollAt(FEED.pollInterval(), MAX_BACKOFF)).as("capped").isEqualTo(NOON.plus(MAX_BACKOFF));
        assertThat(thrice.failed(NOON, "again").failed(NOON, "again").failed(NOON, "again").dueAt(
                NOON.plus(MAX_BACKOFF), FEED.pollInterval(), MAX_BACKOFF)).isTrue();
        assertThat(fourTimes.nextPollAt(Duration.ofHours(3), MAX_BACKOFF)).as("never sooner than the interval")
                .isEqualTo(NOON.plus(Duration.ofHours(3)));
        assertThat(fourTimes.notModified(NOON).nextPollAt(FEED.pollInterval(), MAX_BACKOFF)).as("a success ends it")
                .isEqualTo(NOON.plus(Duration.ofMinutes(30)));
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
