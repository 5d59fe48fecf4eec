package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What one poll of a feed did, as the admin API shows it.
 *
 * @param items   items taken from the feed, at most {@code FEED_MAX_ITEMS} (0 unless the status is ok)
 * @param skipped items that broke the article rules (no link, a javascript: link, a future date...)
 * @param error   why the poll failed, when the status is error
 */
@Serdeable
record PollResult(String feed, FeedStatus status, int items, int created, int updated, int unchanged, int skipped,
                  @Nullable String error) {

    static PollResult notModified(Feed feed) {
        return new PollResult(feed.name(), FeedStatus.NOT_MODIFIED, 0, 0, 0, 0, 0, null);
    }

    static PollResult failed(Feed feed, String error) {
        return new PollResult(feed.name(), FeedStatus.ERROR, 0, 0, 0, 0, 0, error);
    }
}
