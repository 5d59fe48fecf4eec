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
    private final FeedConfig config;
    private final Clock clock;

    FeedPoller(FeedLocks locks, FeedFetcher fetcher, FeedItems items, FeedStateRepository states,
               MeterRegistry registry, FeedConfig config, Clock clock) {
        this.locks = locks;
        this.fetcher = fetcher;
        this.items = items;
        this.states = states;
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    /** Polls the feed now, within a check's time budget; empty when another instance is polling it. */
    Optional<PollResult> pollNow(Feed feed) {
        Deadline limit = Deadline.after(config.checkTimeout(),
                "the poll's time budget of " + config.checkTimeout().toSeconds() + " s ran out");
        return locks.holding(feed, () -> poll(feed, load(feed), limit));
    }

    /**
     * Polls the feed if it is due, judged under its lock: another instance may just have polled it.
     *
     * @param limit the end of the check's time budget, by which a poll still fetching or reading gives up
     */
    void pollIfDue(Feed feed, Deadline limit) {
        locks.holding(feed, () -> {
            FeedState state = load(feed);
            return state.dueAt(clock.instant(), feed.pollInterval(), config.maxBackoff()) ? poll(feed, state, limit) : null;
        });
    }

    private FeedState load(Feed feed) {
        return FeedState.of(feed, states.findById(feed.name()).orElse(null));
    }

    private PollResult poll(Feed feed, FeedState state, Deadline limit) {
        Instant started = clock.instant();
        PollResult result;
        FeedState next;
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch(feed.url(), state.etag(), state.lastModified(), limit);
            if (fetched.notModified()) {
                result = PollResult.notModified(feed);
                next = state.notModified(started);
            } else {
                result = items.store(fetched, feed, state.firstPoll(), limit);
                next = state.fetched(started, fetched.etag(), fetched.lastModified(), result);
            }
        } catch (Throwable e) {
            // Whatever the feed made us throw (a StackOverflowError included) is its failure, not the check's;
            // it is counted, and the feed waits longer after each failure in a row.
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
