package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.tidings.core.Tokens;

import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A checked, normalised article as one of the three ways in produced it, ready to store.
 *
 * @param publishedAt null when the source does not say; the article is then dated when first seen
 * @param updatedAt null when the source does not say; a change then stamps the time it was seen
 * @param inDigests false for a new feed's back catalogue
 */
record ArticleDraft(
        String url,
        @Nullable String guid,
        String title,
        String summary,
        @Nullable String author,
        @Nullable Instant publishedAt,
        @Nullable Instant updatedAt,
        SortedSet<String> topics,
        String source,
        boolean inDigests) {

    ArticleDraft {
        topics = new TreeSet<>(topics);
    }

    /** What a reader would see change: equal hashes mean an upsert changes nothing. */
    String contentHash() {
        return Tokens.sha256(String.join("\u0000", List.of(url, title, summary, author == null ? "" : author,
                publishedAt == null ? "" : publishedAt.toString(), String.join(",", topics))));
    }
}
