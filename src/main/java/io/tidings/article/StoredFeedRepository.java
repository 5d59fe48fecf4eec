package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StoredFeedRepository extends CrudRepository<StoredFeed, String> {

    /** Adds a feed unless its name is taken (a concurrent add may win); 1 if added. */
    @Query("""
            INSERT INTO feed (name, url, topics, poll_interval, created_at) VALUES (:name, :url, :topics, :pollInterval, :createdAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String name, String url, String topics, @Nullable String pollInterval, Instant createdAt);

    @Query("UPDATE feed SET url = :url, topics = :topics, poll_interval = :pollInterval WHERE name = :name")
    int change(String name, String url, String topics, @Nullable String pollInterval);

    @Query("SELECT * FROM feed ORDER BY name")
    List<StoredFeed> inOrder();
}
