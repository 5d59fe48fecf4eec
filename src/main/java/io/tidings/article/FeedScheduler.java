package io.tidings.article;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Every {@code tidings.feed.check-interval}, polls the feeds whose interval has passed since their last poll.
 * <p>
 * Each feed is polled under a lock of its own, not the whole run under one: instances then share the due
 * feeds instead of one polling them all while the others wait, a feed that hangs until its timeout holds up
 * no other instance, and an operator's "poll now" takes the same lock as the schedule.
 */
@Singleton
class FeedScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(FeedScheduler.class);
    private final Feeds feeds;
    private final FeedPoller poller;
    private final FeedStateRepository states;
    private final Clock clock;

    FeedScheduler(Feeds feeds, FeedPoller poller, FeedStateRepository states, Clock clock) {
        this.feeds = feeds;
        this.poller = poller;
        this.states = states;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.feed.check-interval:30s}", initialDelay = "${tidings.feed.check-interval:30s}")
    void run() {
        if (feeds.all().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, FeedState> known = states.byName();
        for (Feed feed : feeds.all()) {
            if (!FeedState.of(feed, known.get(feed.name())).dueAt(now, feed.pollInterval())) {
                continue;
            }
            try {
                poller.pollIfDue(feed);
            } catch (RuntimeException e) {
                // The poller counts a feed's own failures; this is the database or the lock failing.
                LOG.error("Feed {} could not be polled", feed.name(), e);
            }
        }
    }
}
