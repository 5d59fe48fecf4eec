package io.tidings.article;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An article as a digest shows it.
 *
 * @param dateEstimated {@code publishedAt} is only when the article was first seen: its source gave no date
 */
@Introspected
public record DigestArticle(long id, String url, String title, String summary, @Nullable String author, Instant publishedAt,
                            boolean dateEstimated) {
}
