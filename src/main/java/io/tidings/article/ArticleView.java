package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** An article as the admin API shows it. */
@Serdeable
record ArticleView(
        long id,
        String url,
        @Nullable String guid,
        String title,
        String summary,
        @Nullable String author,
        Instant publishedAt,
        Instant updatedAt,
        List<String> topics,
        String source,
        String contentHash,
        Instant firstSeenAt,
        boolean inDigests) {

    static ArticleView of(ArticleStore.Stored stored) {
        Article a = stored.article();
        return new ArticleView(a.id(), a.url(), a.guid(), a.title(), a.summary(), a.author(), a.publishedAt(),
                a.updatedAt(), stored.topics(), a.source(), a.contentHash(), a.firstSeenAt(), a.inDigests());
    }
}
