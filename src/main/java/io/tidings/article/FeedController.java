package io.tidings.article;

import io.micronaut.security.annotation.Secured;
import io.tidings.admin.Rights;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.admin.AdminApi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The operator's view of the configured feeds, and "poll this one now". */
@Tag(name = "Admin: feeds")
@AdminApi
@Controller("/admin/feeds")
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedController {

    private final AllFeeds feeds;
    private final FeedPoller poller;
    private final FeedStateRepository states;
    private final Duration maxBackoff;

    FeedController(AllFeeds feeds, FeedPoller poller, FeedStateRepository states, FeedConfig config) {
        this.feeds = feeds;
        this.poller = poller;
        this.states = states;
        this.maxBackoff = config.maxBackoff();
    }

    /**
     * @param pollInterval ISO-8601, such as PT30M
     * @param nextPollAt   null: at the next check, the feed never having been polled; later after failures in a row
     */
    @Serdeable
    record FeedView(String name, String url, List<String> topics, String pollInterval, @Nullable FeedStatus lastStatus,
                    @Nullable String lastError, @Nullable Instant firstPolledAt, @Nullable Instant lastPolledAt,
                    @Nullable Instant nextPollAt, long itemsSeen, long itemsSkipped, long errorsTotal,
                    int consecutiveErrors) {

        static FeedView of(Feed feed, FeedState state, Duration maxBackoff) {
            return new FeedView(feed.name(), state.url(), feed.topics(), feed.pollInterval().toString(),
                    state.lastStatus(), state.lastError(), state.firstPolledAt(), state.lastPolledAt(),
                    state.nextPollAt(feed.pollInterval(), maxBackoff), state.itemsSeen(), state.itemsSkipped(), state.errorsTotal(),
                    state.consecutiveErrors());
        }
    }

    @Serdeable
    record FeedList(List<FeedView> feeds) {
    }

    /** The feeds (configured and added in the console) and how their polls went. */
    @Secured(Rights.ARTICLES_READ)
    @Get(produces = MediaType.APPLICATION_JSON)
    FeedList list() {
        Map<String, FeedState> known = states.byName();
        return new FeedList(feeds.all().stream()
                .map(feed -> FeedView.of(feed, FeedState.of(feed, known.get(feed.name())), maxBackoff))
                .toList());
    }

    /**
     * 200 with what the poll did, a failed one included (its status is "error", whatever the feed threw);
     * 409 while another poll runs.
     */
    @Secured(Rights.ARTICLES_WRITE)
    @Post(uri = "/{name}/poll", produces = MediaType.APPLICATION_JSON)
    PollResult poll(String name) {
        Feed feed = feeds.named(name)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no feed is named '" + name + "'"));
        return poller.pollNow(feed).orElseThrow(() -> new HttpStatusException(HttpStatus.CONFLICT,
                "feed '" + name + "' is being polled right now; try again in a moment"));
    }
}
