package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.InvalidInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
        return new ArticleCandidate(url, guid, title, summary, content, author, time("publishedAt", publishedAt),
                time("updatedAt", updatedAt), topics, "api", true);
    }

    /** An instant, a date-time with an offset, or a date (its start, UTC). */
    @Nullable
    static Instant time(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "is not an ISO-8601 date or date-time such as 2024-03-02T07:00:00Z");
        }
    }
}
