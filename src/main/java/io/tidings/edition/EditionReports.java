package io.tidings.edition;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.admin.EditionCounts;
import io.tidings.bounce.EditionBounces;
import io.tidings.delivery.MessageStatus;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Progress of editions, from the outbox's counts, which change in the transaction of every outbox change. */
@Singleton
class EditionReports implements EditionCounts {

    private final EditionRepository editions;
    private final EditionContents contents;
    private final Outbox outbox;
    private final EditionBounces bounces;
    private final SendRates rates;
    private final Clock clock;

    EditionReports(EditionRepository editions, EditionContents contents, Outbox outbox, EditionBounces bounces,
                   SendRates rates, Clock clock) {
        this.editions = editions;
        this.contents = contents;
        this.outbox = outbox;
        this.bounces = bounces;
        this.rates = rates;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<EditionProgress> progress(long editionId) {
        return editions.findById(editionId).map(this::progress);
    }

    @Transactional(readOnly = true)
    List<EditionProgress> latest(int limit) {
        return editions.latest(limit).stream().map(this::progress).toList();
    }

    @Override
    public Map<String, Long> byState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (EditionStatus status : EditionStatus.values()) {
            counts.put(status.name().toLowerCase(Locale.ROOT), 0L);
        }
        editions.countByStatus().forEach(c -> counts.put(c.label().toLowerCase(Locale.ROOT), c.count()));
        return counts;
    }

    EditionProgress progress(Edition edition) {
        Map<String, Long> delivery = new LinkedHashMap<>();
        for (MessageStatus status : MessageStatus.values()) {
            delivery.put(status.label(), 0L);
        }
        outbox.digestCounts(edition.id()).forEach((status, count) -> delivery.put(status.label(), count));
        long left = EditionProgress.left(delivery);
        long finished = delivery.values().stream().mapToLong(Long::longValue).sum() - left;
        double rate = left == 0 ? 0 : rates.perSecond(edition.id(), finished, clock.instant());
        Long secondsLeft = left == 0 || rate == 0 ? null : (long) Math.ceil(left / rate);
        List<EditionProgress.ArticleRef> articles = contents.articlesOf(edition).stream()
                .map(a -> new EditionProgress.ArticleRef(a.id(), a.title(), a.url()))
                .toList();
        return new EditionProgress(edition.id(), edition.frequency().label(), edition.slot(), edition.windowStart(),
                edition.windowEnd(), edition.createdAt(), EditionState.of(edition.status(), left), edition.recipientCount(), delivery, bounces.of(edition.id()), rate, secondsLeft,
                articles, edition.pausedReason());
    }
}
