package io.tidings.article;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * An article as a way in delivered it, before {@link ArticleRules} checks it.
 *
 * @param summary  plain text or HTML; cut to a summary's length
 * @param body     more of the article's text, for a summary when none is given and for topic keywords
 * @param topics   null or empty: taken from the keyword map
 */
record ArticleCandidate(
        @Nullable String url,
        @Nullable String guid,
        @Nullable String title,
        @Nullable String summary,
        @Nullable String body,
        @Nullable String author,
        @Nullable Instant publishedAt,
        @Nullable Instant updatedAt,
        @Nullable List<String> topics,
        String source,
        boolean inDigests) {
}
