package io.tidings.edition;

import io.tidings.subscription.Frequency;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Loads what an edition covers; an edition's articles never change, so each is read once. */
@Singleton
class EditionContents {

    private static final int CACHED_EDITIONS = 16;
    private final EditionRepository editions;
    private final Map<Long, EditionContent> cache = new ConcurrentHashMap<>();

    EditionContents(EditionRepository editions) {
        this.editions = editions;
    }

    EditionContent of(Edition edition) {
        if (cache.size() > CACHED_EDITIONS) {
            cache.clear();
        }
        return cache.computeIfAbsent(edition.id(),
                id -> load(id, edition.frequency(), edition.windowEnd(), editions.articlesOf(id)));
    }

    /** What an edition made now would cover. */
    EditionContent next(Frequency frequency, Instant windowStart, Instant now) {
        return load(null, frequency, now, editions.articlesSeenBetween(windowStart, now));
    }

    private EditionContent load(Long editionId, Frequency frequency, Instant date, List<DigestArticle> articles) {
        Map<Long, List<String>> topics = articles.isEmpty() ? Map.of()
                : editions.topicsOf(articles.stream().map(DigestArticle::id).toList()).stream()
                .collect(Collectors.groupingBy(ArticleTopic::articleId,
                        Collectors.mapping(ArticleTopic::topic, Collectors.toCollection(ArrayList::new))));
        return new EditionContent(editionId, frequency, date, articles, Map.copyOf(topics));
    }
}
