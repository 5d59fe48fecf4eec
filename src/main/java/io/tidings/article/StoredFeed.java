package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A feed an operator added in the console, as stored: {@code topics} ';'-separated ('' for the keyword
 * map), {@code pollInterval} as written (such as 30m), null for the configured default.
 */
@MappedEntity("feed")
record StoredFeed(@Id String name, String url, String topics, @Nullable String pollInterval, Instant createdAt) {
}
