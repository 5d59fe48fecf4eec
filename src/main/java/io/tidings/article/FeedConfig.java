package io.tidings.article;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * How feeds are read. The feeds themselves are {@code tidings.feeds.<name>.*} entries and {@link #list}.
 *
 * @param list           the feeds as one line, for an environment variable:
 *                       {@code name|url|topic,topic|interval;name|url;...} (topics and interval optional)
 * @param pollInterval   how often a feed that names no interval of its own is polled
 * @param backfillWindow on a feed's first poll, older items are stored but kept out of digests
 * @param readTimeout    from the request to the feed's last byte
 * @param maxSize        a larger feed is refused
 * @param maxItems       the newest this many items of a poll are taken, undated ones last
 * @param parseTimeout   a feed not read (parsed) within this is an error
 * @param checkTimeout   a check stops polling when this has passed since it began; an operator's poll has as long
 * @param maxBackoff     the longest a failing feed waits between polls (failures in a row double its interval)
 * @param allowPrivate   true: feeds and their redirects may be at loopback, private and link-local addresses
 */
@ConfigurationProperties("tidings.feed")
record FeedConfig(
        @Nullable String list,
        Duration pollInterval,
        Duration backfillWindow,
        Duration connectTimeout,
        Duration readTimeout,
        @ReadableBytes long maxSize,
        String userAgent,
        int maxItems,
        Duration parseTimeout,
        Duration checkTimeout,
        Duration maxBackoff,
        boolean allowPrivate) {
}
