package io.tidings.article;

import io.micronaut.data.exceptions.DataAccessException;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stores a fetched feed's newest items as articles, each on its own: one bad item is skipped, the rest go on.
 */
@Singleton
class FeedItems {

    private static final Logger LOG = LoggerFactory.getLogger(FeedItems.class);
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cntrl}");
    // Sorting is stable: undated items keep the feed's order, after the dated ones.
    private static final Comparator<ArticleCandidate> NEWEST_FIRST =
            Comparator.comparing(ArticleCandidate::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()));
    private final FeedParser parser;
    private final ArticleRules rules;
    private final ArticleStore store;
    private final FeedConfig config;
    private final Clock clock;

    FeedItems(FeedParser parser, ArticleRules rules, ArticleStore store, FeedConfig config, Clock clock) {
        this.parser = parser;
        this.rules = rules;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param firstPoll the first successful poll of the feed's URL, whose older items are its back catalogue
     * @param limit     when the poll must end
     */
    PollResult store(FeedFetcher.Fetched fetched, Feed feed, boolean firstPoll, Deadline limit) {
        Instant archiveBefore = firstPoll ? clock.instant().minus(config.backfillWindow()) : null;
        List<ArticleCandidate> parsed = parser.parse(fetched, feed, archiveBefore, limit);
        List<ArticleCandidate> items = parsed.stream().sorted(NEWEST_FIRST).limit(config.maxItems()).toList();
        if (items.size() < parsed.size()) {
            LOG.info("Feed {}: {} items, the newest {} taken", feed.name(), parsed.size(), items.size());
        }
        Map<ArticleStore.Outcome, Integer> outcomes = new EnumMap<>(ArticleStore.Outcome.class);
        int skipped = 0;
        for (ArticleCandidate item : items) {
            try {
                outcomes.merge(store.upsert(rules.check(item)).outcome(), 1, Integer::sum);
            } catch (InvalidInputException e) {
                skipped++;
                LOG.info("Feed {}: skipped item {}: {}", feed.name(), name(item), e.errors().stream()
                        .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
            } catch (DataAccessException e) {
                // Say a guid's link moved to a URL another article has: that item waits, the feed goes on.
                skipped++;
                LOG.warn("Feed {}: could not store item {}: {}", feed.name(), name(item), e.getMessage());
            }
        }
        return new PollResult(feed.name(), FeedStatus.OK, items.size(), outcomes.getOrDefault(ArticleStore.Outcome.CREATED, 0),
                outcomes.getOrDefault(ArticleStore.Outcome.UPDATED, 0), outcomes.getOrDefault(ArticleStore.Outcome.UNCHANGED, 0),
                skipped, null);
    }

    /** How the log names an item; control characters go, since the text is the feed's, not ours. */
    private static String name(ArticleCandidate item) {
        String name = item.guid() != null ? item.guid() : item.url() != null ? item.url() : "\"" + item.title() + "\"";
        return CONTROLS.matcher(name).replaceAll(" ");
    }
}
