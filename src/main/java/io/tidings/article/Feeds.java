package io.tidings.article;

import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.annotation.Nullable;
import io.tidings.subscription.SubscriptionConfig;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configured feeds (with the console's: {@link AllFeeds}), {@code tidings.feeds.<name>.*} entries and the {@code FEEDS} list together,
 * checked at start so that a typo stops the service instead of silently dropping a feed.
 */
@Singleton
class Feeds {

    // The name also names the feed's lock ("feed-" + name, in a 64-character column).
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,58}");
    // A feed is someone else's server: polling it more often than this is not polite.
    private static final Duration INTERVAL_MIN = Duration.ofMinutes(1);

    private final Map<String, Feed> byName = new LinkedHashMap<>();

    Feeds(List<FeedProperties> configured, FeedConfig config, SubscriptionConfig subscriptions,
          ConversionService conversions) {
        Stream.concat(configured.stream(), listed(config.list(), conversions).stream()).forEach(properties -> {
            Feed feed = check(properties, config.pollInterval(), subscriptions.topics());
            if (byName.putIfAbsent(feed.name(), feed) != null) {
                throw new IllegalStateException("Two feeds are named '" + feed.name() + "'");
            }
        });
    }

    Collection<Feed> all() {
        return byName.values();
    }

    Optional<Feed> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Reads {@code name|url|topic,topic|interval;...}; topics and interval may be left out. */
    private static List<FeedProperties> listed(@Nullable String list, ConversionService conversions) {
        List<FeedProperties> feeds = new ArrayList<>();
        for (String entry : list == null ? new String[0] : list.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] fields = entry.split("\\|", -1);
            if (fields.length < 2 || fields.length > 4) {
                throw new IllegalStateException("FEEDS entry '" + entry.strip() + "' is not name|url|topic,topic|interval");
            }
            List<String> topics = fields.length > 2 ? Arrays.asList(fields[2].split(",")) : null;
            Duration interval = fields.length > 3 && !fields[3].isBlank()
                    ? conversions.convert(fields[3].strip(), Duration.class).orElseThrow(() -> new IllegalStateException(
                    "FEEDS entry '" + entry.strip() + "' has an interval that is not a duration such as 15m or 1h"))
                    : null;
            feeds.add(new FeedProperties(fields[0].strip(), fields[1].strip(), topics, interval));
        }
        return feeds;
    }

    static Feed check(FeedProperties feed, Duration defaultInterval, List<String> knownTopics) {
        String name = feed.name();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("Feed name '" + name + "' must be 1 to 59 lower-case letters, digits and dashes");
        }
        List<String> topics = feed.topics() == null ? List.of() : feed.topics().stream()
                .map(topic -> topic.strip().toLowerCase(Locale.ROOT))
                .filter(topic -> !topic.isEmpty())
                .toList();
        topics.stream().filter(topic -> !knownTopics.contains(topic)).findFirst().ifPresent(topic -> {
            throw new IllegalStateException("Feed '" + name + "' names topic '" + topic + "', which is not one of TOPICS " + knownTopics);
        });
        Duration interval = feed.pollInterval() == null ? defaultInterval : feed.pollInterval();
        if (interval.compareTo(INTERVAL_MIN) < 0) {
            throw new IllegalStateException("Feed '" + name + "' is polled every " + interval + "; the least is " + INTERVAL_MIN);
        }
        return new Feed(name, url(name, feed.url()), topics, interval);
    }

    private static URI url(String name, @Nullable String value) {
        try {
            URI url = new URI(value == null ? "" : value.strip());
            if (WebUrls.isWeb(url)) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, with the others
        }
        throw new IllegalStateException("Feed '" + name + "' needs an absolute http or https URL, not '" + value + "'");
    }
}
