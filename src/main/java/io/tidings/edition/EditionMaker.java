package io.tidings.edition;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.article.DigestArticle;
import io.tidings.article.DigestArticles;
import io.tidings.core.Tokens;
import io.tidings.delivery.Outbox;
import io.tidings.subscription.DigestRecipients;
import io.tidings.subscription.Frequency;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Makes the edition of the current slot: its window, its articles and one outbox row per recipient,
 * all in one transaction. Whoever loses the race for a slot gets the winner's edition.
 */
@Singleton
class EditionMaker {

    private static final Logger LOG = LoggerFactory.getLogger(EditionMaker.class);
    private final EditionRepository editions;
    private final EditionSchedule schedule;
    private final EditionContents contents;
    private final DigestArticles digestArticles;
    private final Outbox outbox;
    private final Clock clock;

    EditionMaker(EditionRepository editions, EditionSchedule schedule, EditionContents contents,
                    DigestArticles articles, Outbox outbox, Clock clock) {
        this.editions = editions;
        this.schedule = schedule;
        this.contents = contents;
        this.digestArticles = articles;
        this.outbox = outbox;
        this.clock = clock;
    }

    sealed interface Result {
    }

    record Queued(Edition edition) implements Result {
    }

    record AlreadyMade(Edition edition) implements Result {
    }

    record NothingNew(Instant windowStart, Instant windowEnd) implements Result {
    }

    @Transactional
    Result make(Frequency frequency) {
        Instant now = clock.instant();
        Instant slot = schedule.slotAt(frequency, now);
        // Window first, slot second: a concurrent edition committed in between is then found as the slot's,
        // rather than read as an empty window.
        Instant windowStart = nextWindowStart(frequency, now);
        var existing = editions.findByFrequencyAndSlot(frequency, slot);
        if (existing.isPresent()) {
            return new AlreadyMade(existing.get());
        }
        List<DigestArticle> articles = digestArticles.seenBetween(windowStart, now);
        if (articles.isEmpty()) {
            return new NothingNew(windowStart, now);
        }
        String prefix = Tokens.random().replace('-', 'x').replace('_', 'y');
        if (editions.insertIfAbsent(frequency, slot, windowStart, now, prefix, articles.size(), now) == 0) {
            return new AlreadyMade(editions.findByFrequencyAndSlot(frequency, slot).orElseThrow());
        }
        Edition edition = editions.findByFrequencyAndSlot(frequency, slot).orElseThrow();
        articles.forEach(article -> editions.addArticle(edition.id(), article.id()));
        EditionContent content = contents.of(edition);
        boolean everyone = content.articles().stream().anyMatch(article -> !content.topics().containsKey(article.id()));
        List<String> topics = content.topics().values().stream().flatMap(List::stream).distinct().toList();
        int recipients = outbox.queueDigests(edition.id(), prefix, new DigestRecipients(frequency, everyone, topics));
        editions.setRecipientCount(edition.id(), recipients);
        LOG.info("Edition {} ({}): {} articles queued for {} readers", edition.id(), frequency.label(), articles.size(), recipients);
        return new Queued(editions.findById(edition.id()).orElseThrow());
    }

    /** The end of the last edition of this frequency, or the frequency's first window back from now. */
    Instant nextWindowStart(Frequency frequency, Instant now) {
        return editions.lastWindowEnd(frequency).orElse(now.minus(EditionSchedule.firstWindow(frequency)));
    }
}
