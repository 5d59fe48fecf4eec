package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Duration;
import java.time.Instant;

/**
 * What the poller knows of one feed: the validators for its next conditional GET, when it was polled
 * and how that went, and running totals for the operator.
 *
 * @param firstPolledAt null until a poll of this URL succeeded
 * @param itemsSeen     items read by every successful poll together, repeats included
 */
@MappedEntity("feed_state")
record FeedState(
        @Id String name,
        String url,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable Instant firstPolledAt,
        @Nullable Instant lastPolledAt,
        @Nullable FeedStatus lastStatus,
        @Nullable String lastError,
        long itemsSeen,
        long itemsSkipped,
        long errorsTotal,
        int consecutiveErrors) {

    private static final int ERROR_MAX = 1000;

    /**
     * The state to poll a feed from: a blank one for a feed never polled. A feed whose URL was changed
     * starts over, keeping its totals: the old URL's validators mean nothing to the new one, and the new
     * one's back catalogue stays out of digests.
     */
    static FeedState of(Feed feed, @Nullable FeedState stored) {
        String url = feed.url().toString();
        if (stored == null) {
            return new FeedState(feed.name(), url, null, null, null, null, null, null, 0, 0, 0, 0);
        }
        return url.equals(stored.url) ? stored : new FeedState(stored.name, url, null, null, null, stored.lastPolledAt,
                stored.lastStatus, stored.lastError, stored.itemsSeen, stored.itemsSkipped, stored.errorsTotal,
                stored.consecutiveErrors);
    }

    boolean firstPoll() {
        return firstPolledAt == null;
    }

    boolean dueAt(Instant now, Duration interval, Duration maxBackoff) {
        return lastPolledAt == null || !now.isBefore(nextPollAt(interval, maxBackoff));
    }

    /**
     * The interval after the last poll; after failures in a row, twice as long for each failure past the
     * first, up to {@code maxBackoff} (or the interval, when that is longer), so a broken feed is not hammered.
     */
    @Nullable
    Instant nextPollAt(Duration interval, Duration maxBackoff) {
        if (lastPolledAt == null) {
            return null;
        }
        Duration wait = interval.multipliedBy(1L << Math.min(Math.max(consecutiveErrors - 1, 0), 20));
        Duration cap = maxBackoff.compareTo(interval) > 0 ? maxBackoff : interval;
        return lastPolledAt.plus(wait.compareTo(cap) < 0 ? wait : cap);
    }

    FeedState fetched(Instant at, @Nullable String etag, @Nullable String lastModified, PollResult result) {
        return new FeedState(name, url, etag, lastModified, firstPolledAt == null ? at : firstPolledAt, at,
                FeedStatus.OK, null, itemsSeen + result.items(), itemsSkipped + result.skipped(), errorsTotal, 0);
    }

    FeedState notModified(Instant at) {
        return new FeedState(name, url, etag, lastModified, firstPolledAt, at, FeedStatus.NOT_MODIFIED, null,
                itemsSeen, itemsSkipped, errorsTotal, 0);
    }

    FeedState failed(Instant at, String error) {
        return new FeedState(name, url, etag, lastModified, firstPolledAt, at, FeedStatus.ERROR,
                error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error, itemsSeen, itemsSkipped,
                errorsTotal + 1, consecutiveErrors + 1);
    }
}
