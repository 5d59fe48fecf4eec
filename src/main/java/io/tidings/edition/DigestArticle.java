package io.tidings.edition;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** An article as a digest shows it. */
@Introspected
record DigestArticle(long id, String url, String title, String summary, @Nullable String author, Instant publishedAt) {
}
