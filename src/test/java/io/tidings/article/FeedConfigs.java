package io.tidings.article;

import java.time.Duration;

/** Feed settings for tests that build the feed classes themselves: the defaults of application.yml. */
final class FeedConfigs {

    private FeedConfigs() {
    }

    static FeedConfig withList(String list) {
        return new FeedConfig(list, Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 5_000_000, "test", 100, Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofHours(24), false);
    }

    static FeedConfig withParseTimeout(Duration parseTimeout) {
        return with(parseTimeout, false);
    }

    static FeedConfig allowingPrivate() {
        return with(Duration.ofSeconds(10), true);
    }

    private static FeedConfig with(Duration parseTimeout, boolean allowPrivate) {
        FeedConfig defaults = withList(null);
        return new FeedConfig(null, defaults.pollInterval(), defaults.backfillWindow(), defaults.connectTimeout(),
                defaults.readTimeout(), defaults.maxSize(), defaults.userAgent(), defaults.maxItems(), parseTimeout,
                defaults.checkTimeout(), defaults.maxBackoff(), allowPrivate);
    }
}
