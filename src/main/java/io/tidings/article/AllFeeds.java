package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import io.tidings.core.ConflictException;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.SubscriptionConfig;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every feed that is polled: the configured ones ({@link Feeds}), which only the configuration changes,
 * and those operators add, edit and remove in the console, checked by the same rules. A name is one feed's.
 */
@Singleton
class AllFeeds {

    private final Feeds configured;
    private final StoredFeedRepository stored;
    private final FeedConfig config;
    private final List<String> topics;
    private final ConversionService conversions;
    private final Clock clock;

    AllFeeds(Feeds configured, StoredFeedRepository stored, FeedConfig config, SubscriptionConfig subscriptions,
             ConversionService conversions, Clock clock) {
        this.configured = configured;
        this.stored = stored;
        this.config = config;
        this.topics = subscriptions.topics();
        this.conversions = conversions;
        this.clock = clock;
    }

    /** A feed in its checked form, and whether an operator may change it here. */
    record Entry(Feed feed, boolean editable, @Nullable String pollInterval) {
    }

    /** The configured feeds, then the console's by name. */
    Collection<Feed> all() {
        return entries().stream().map(Entry::feed).toList();
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        configured.all().forEach(feed -> entries.add(new Entry(feed, false, null)));
        stored.inOrder().stream()
                .filter(feed -> configured.named(feed.name()).isEmpty())
                .forEach(feed -> entries.add(new Entry(feedOf(feed), true, feed.pollInterval())));
        return entries;
    }

    Optional<Feed> named(String name) {
        return configured.named(name).or(() -> stored.findById(name).map(this::feedOf));
    }

    /** Adds a feed; its first poll keeps its back catalogue out of digests, as a configured feed's does. */
    void add(String name, String url, List<String> feedTopics, @Nullable String pollInterval) {
        Feed feed = check(name, url, feedTopics, pollInterval);
        if (configured.named(feed.name()).isPresent()
                || stored.insertIfAbsent(feed.name(), feed.url().toString(), String.join(";", feed.topics()),
                blankToNull(pollInterval), clock.instant()) == 0) {
            throw new ConflictException("A feed is already named \"" + feed.name() + "\".");
        }
    }

    /** Changes a feed added here; a new URL starts its poll state over, as for a configured one. */
    void change(String name, String url, List<String> feedTopics, @Nullable String pollInterval) {
        Feed feed = check(name, url, feedTopics, pollInterval);
        if (stored.change(editable(name), feed.url().toString(), String.join(";", feed.topics()), blankToNull(pollInterval)) == 0) {
            throw new NotFoundException("There is no feed named \"" + name + "\" to change.");
        }
    }

    void remove(String name) {
        stored.deleteById(editable(name));
    }

    private String editable(String name) {
        if (configured.named(name).isPresent()) {
            throw new ConflictException("The feed \"" + name + "\" is set in the configuration; change it there.");
        }
        if (!stored.existsById(name)) {
            throw new NotFoundException("There is no feed named \"" + name + "\".");
        }
        return name;
    }

    private Feed check(String name, String url, List<String> feedTopics, @Nullable String pollInterval) {
        Duration interval = null;
        if (pollInterval != null && !pollInterval.isBlank()) {
            interval = conversions.convert(pollInterval.strip(), Duration.class).orElseThrow(() ->
                    InvalidInputException.of("pollInterval", "must be a duration such as 15m or 1h"));
        }
        try {
            return Feeds.check(new FeedProperties(name == null ? "" : name.strip(), url, feedTopics, interval),
                    config.pollInterval(), topics);
        } catch (IllegalStateException e) {
            // The configuration's own checks, which stop the service at start, refuse an operator's input here.
            throw InvalidInputException.of("feed", e.getMessage());
        }
    }

    /** A stored feed, as it was checked when added; a topic since dropped from TOPICS is left out. */
    private Feed feedOf(StoredFeed feed) {
        List<String> kept = feed.topics().isEmpty() ? List.of()
                : Arrays.stream(feed.topics().split(";")).filter(topics::contains).toList();
        Duration interval = feed.pollInterval() == null ? config.pollInterval()
                : conversions.convert(feed.pollInterval(), Duration.class).orElse(config.pollInterval());
        return new Feed(feed.name(), URI.create(feed.url()), kept, interval);
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
