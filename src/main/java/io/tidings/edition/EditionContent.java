package io.tidings.edition;

import io.micronaut.core.annotation.Nullable;
import io.tidings.article.DigestArticle;
import io.tidings.subscription.Frequency;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The articles of an edition (or of the next one, for a preview) with their topics.
 *
 * @param editionId null for a preview of an edition not made yet
 */
record EditionContent(@Nullable Long editionId, Frequency frequency, Instant date, List<DigestArticle> articles,
                      Map<Long, List<String>> topics) {

    /** The articles for a subscriber of these topics: none chosen means all, an article without topics is for all. */
    List<DigestArticle> forTopics(List<String> subscriberTopics) {
        if (subscriberTopics.isEmpty()) {
            return articles;
        }
        return articles.stream()
                .filter(article -> {
                    List<String> own = topics.getOrDefault(article.id(), List.of());
                    return own.isEmpty() || own.stream().anyMatch(subscriberTopics::contains);
                })
                .toList();
    }
}
