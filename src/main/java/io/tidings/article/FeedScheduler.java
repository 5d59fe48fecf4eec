package io.tidings.article;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Every {@code tidings.feed.check-interval}, polls the feeds that are due, a few at a time on the
 * {@code feeds} executor, within the check's time budget ({@code tidings.feed.check-timeout}).
 * <p>
 * Each feed is polled under a lock of its own, not the whole run under one: instances then share the due
 * feeds instead of one polling them all while the others wait, a feed that hangs until its timeout holds up
 * no other instance, and an operator's "poll now" takes the same lock as the schedule. Feeds waiting longest
 * go first, so those a check had no time for lead the next one.
 */
@Singleton
class FeedScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(FeedScheduler.class);
    private final AllFeeds feeds;
    private final FeedPoller poller;
    private final FeedStateRepository states;
    private final FeedConfig config;
    private final ExecutorService executor;
    private final Clock clock;

    FeedScheduler(AllFeeds feeds, FeedPoller poller, FeedStateRepository states, FeedConfig config,
                  @Named("feeds") ExecutorService executor, Clock clock) {
        this.feeds = feeds;
        this.poller = poller;
        this.states = states;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.feed.check-interval:30s}", initialDelay = "${tidings.feed.check-interval:30s}")
    void run() {
        Collection<Feed> all = feeds.all();
        if (all.isEmpty()) {
            return;
        }
        Deadline budget = Deadline.after(config.checkTimeout(),
                "the check's time budget of " + config.checkTimeout().toSeconds() + " s ran out");
        Instant now = clock.instant();
        Map<String, FeedState> known = states.byName();
        Function<Feed, FeedState> state = feed -> FeedState.of(feed, known.get(feed.name()));
        CompletableFuture<Void> polls = CompletableFuture.allOf(all.stream()
                .filter(feed -> state.apply(feed).dueAt(now, feed.pollInterval(), config.maxBackoff()))
                .sorted(Comparator.comparing(state.andThen(FeedState::lastPolledAt), Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(feed -> CompletableFuture.runAsync(() -> poll(feed, budget), executor))
                .toArray(CompletableFuture[]::new));
        try {
            // Fetching and reading stop at the budget by themselves; this bounds what does not (a slow DNS lookup).
            polls.get(budget.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Feed check: {}; the polls still running finish on their own", budget.failure());
        } catch (ExecutionException e) {
            LOG.error("Feed check failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(Feed feed, Deadline budget) {
        if (budget.remaining().isZero()) {
            LOG.warn("Feed {} waits for the next check: {}", feed.name(), budget.failure());
            return;
        }
        try {
            poller.pollIfDue(feed, budget);
        } catch (RuntimeException e) {
            // The poller counts a feed's own failures; this is the database or the lock failing.
            LOG.error("Feed {} could not be polled", feed.name(), e);
        }
    }
}
