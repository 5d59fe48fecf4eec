package io.tidings.edition;

import io.tidings.article.DigestArticle;
import io.tidings.article.DigestArticles;
import io.tidings.subscription.Frequency;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Loads what an edition covers; an edition's articles never change, so each is read once. */
@Singleton
class EditionContents {

    private static final int CACHED_EDITIONS = 16;
    private final EditionRepository editions;
    private final DigestArticles articles;
    private final Map<Long, EditionContent> cache = new ConcurrentHashMap<>();

    EditionContents(EditionRepository editions, DigestArticles articles) {
        this.editions = editions;
        this.articles = articles;
    }

    EditionContent of(Edition edition) {
        if (cache.size() > CACHED_EDITIONS) {
            cache.clear();
        }
        return cache.computeIfAbsent(edition.id(),
                id -> load(id, edition.frequency(), edition.windowEnd(), articles.withIds(editions.articleIdsOf(id))));
    }

    /** What the edition with this id covers, when there is one. */
    Optional<EditionContent> of(long editionId) {
        return editions.findById(editionId).map(this::of);
    }

    /**
     * An edition's articles for a report: from the cache where it holds the edition, otherwise read
     * without caching, so that listing fifty editions does not empty the cache a sending edition uses.
     */
    List<DigestArticle> articlesOf(Edition edition) {
        EditionContent cached = cache.get(edition.id());
        return cached != null ? cached.articles() : articles.withIds(editions.articleIdsOf(edition.id()));
    }

    /** What an edition made now would cover. */
    EditionContent next(Frequency frequency, Instant windowStart, Instant now) {
        return load(null, frequency, now, articles.seenBetween(windowStart, now));
    }

    private EditionContent load(Long editionId, Frequency frequency, Instant date, List<DigestArticle> carried) {
        return new EditionContent(editionId, frequency, date, carried,
                articles.topicsOf(carried.stream().map(DigestArticle::id).toList()));
    }
}
