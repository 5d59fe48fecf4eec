package io.tidings.article;

import java.time.Instant;

/**
 * A page of the article list: published in [since, until), with a topic ('' for any).
 */
record ArticleQuery(String topic, Instant since, Instant until, int page, int size) {

    long offset() {
        return (long) page * size;
    }
}
