package io.tidings.article;

import io.tidings.core.LikePatterns;

import java.time.Instant;

/**
 * A page of the article list: published in [since, until), with a topic, from a source (feed name or
 * "api", "import") and with text in its title or summary ('' for any of them).
 */
record ArticleQuery(String topic, String source, String text, Instant since, Instant until, int page, int size) {

    static final Instant NO_END = Instant.parse("9999-01-01T00:00:00Z");

    /** A LIKE pattern for {@link #text}; '' for any text. */
    String pattern() {
        return LikePatterns.containing(text);
    }

    long offset() {
        return (long) page * size;
    }
}
