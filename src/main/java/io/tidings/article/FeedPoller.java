package io.tidings.article;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Polls one feed under its lock: a conditional GET, its items stored, and how it went recorded in
 * its state and counted in {@code tidings_feed_polls_total{feed,status}} (status ok, not_modified or error).
 */
@Singleton
class FeedPoller {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
    private final FeedLocks locks;
    private final FeedFetcher fetcher;
    private final FeedItems items;
    private final FeedStateRepository states;
    private final MeterRegistry registry;
    private final Clock clock;

    FeedPoller(FeedLocks locks, FeedFetcher fetcher, FeedItems items, FeedStateRepository states,
               MeterRegistry registry, Clock clock) {
        this.locks = locks;
        this.fetcher = fetcher;
        this.items = items;
        this.states = states;
        this.registry = registry;
        this.clock = clock;
    }

    /** Polls the feed now; empty when another instance is polling it. */
    Optional<PollResult> pollNow(Feed feed) {
        return locks.holding(feed, () -> poll(feed, load(feed)));
    }

    /** Polls the feed if its interval has passed, judged under its lock: another instance may just have polled it. */
    void pollIfDue(Feed feed) {
        locks.holding(feed, () -> {
            FeedState state = load(feed);
            return state.dueAt(clock.instant(), feed.pollInterval()) ? poll(feed, state) : null;
        });
    }

    private FeedState load(Feed feed) {
        return FeedState.of(feed, states.findById(feed.name()).orElse(null));
    }

    private PollResult poll(Feed feed, FeedState state) {
        Instant started = clock.instant();
        PollResult result;
        FeedState next;
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch(feed.url(), state.etag(), state.lastModified());
            if (fetched.notModified()) {
                result = PollResult.notModified(feed);
                next = state.notModified(started);
            } else {
                result = items.store(fetched, feed, state.firstPoll());
                next = state.fetched(started, fetched.etag(), fetched.lastModified(), result);
            }
        } catch (RuntimeException e) {
            // Any failure is counted, and the feed then waits its interval like a good one: no hammering.
            String error = e instanceof PollFailure ? e.getMessage() : "unexpected " + e;
            if (e instanceof PollFailure) {
                LOG.warn("Feed {} ({}) failed: {}", feed.name(), feed.url(), error);
            } else {
                LOG.error("Feed {} ({}) failed", feed.name(), feed.url(), e);
            }
            result = PollResult.failed(feed, error);
            next = state.failed(started, error);
        }
        if (states.existsById(next.name())) {
            states.update(next);
        } else {
            states.save(next);
        }
        Counter.builder("tidings.feed.polls")
                .description("Feed polls by feed and how they went")
                .tag("feed", feed.name())
                .tag("status", result.status().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
        if (result.created() + result.updated() + result.skipped() > 0) {
            LOG.info("Feed {}: {} items, {} new, {} updated, {} skipped", feed.name(), result.items(), result.created(),
                    result.updated(), result.skipped());
        }
        return result;
    }
}
