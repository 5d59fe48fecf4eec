package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A stored article; its topics live in {@code article_topic}.
 *
 * @param dateEstimated the source gave no date: {@code publishedAt} is when the article was first seen
 * @param leftOut       an operator left it out of digests (a new version from its source keeps it out)
 */
@MappedEntity("article")
@Serdeable.Serializable
record Article(
        @Id @GeneratedValue @Nullable Long id,
        String url,
        @Nullable String guid,
        String title,
        String summary,
        @Nullable String author,
        Instant publishedAt,
        Instant updatedAt,
        String source,
        String contentHash,
        Instant firstSeenAt,
        boolean inDigests,
        boolean dateEstimated,
        boolean leftOut) {

    Article revisedBy(ArticleDraft draft, String hash, Instant now) {
        return new Article(id, draft.url(), draft.guid() != null ? draft.guid() : guid, draft.title(), draft.summary(),
                draft.author(), draft.publishedAt() != null ? draft.publishedAt() : publishedAt, draft.updatedAt() != null ? draft.updatedAt() : now, source, hash,
                firstSeenAt, inDigests, draft.publishedAt() == null && dateEstimated, leftOut);
    }
}
