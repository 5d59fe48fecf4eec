package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.IsoTimes;

import java.util.List;

/**
 * The JSON body of {@code POST /admin/articles}. Times are ISO-8601 strings, read here so that a bad
 * one is reported by its field name.
 *
 * @param content the article's text or HTML, when the summary should be made from it
 */
@Serdeable
record ArticleRequest(
        @Nullable String url,
        @Nullable String guid,
        @Nullable String title,
        @Nullable String summary,
        @Nullable String content,
        @Nullable String author,
        @Nullable String publishedAt,
        @Nullable String updatedAt,
        @Nullable List<String> topics) {

    ArticleCandidate candidate() {
        return new ArticleCandidate(url, guid, title, summary, content, author, IsoTimes.parse("publishedAt", publishedAt),
                IsoTimes.parse("updatedAt", updatedAt), topics, "api", true);
    }
}
