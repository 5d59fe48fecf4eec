package io.tidings.article;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** An article as a digest shows it. */
@Introspected
public record DigestArticle(long id, String url, String title, String summary, @Nullable String author, Instant publishedAt) {
}
