package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
abstract class SubscriberTopicRepository implements GenericRepository<Subscriber, Long> {

    private final JdbcOperations jdbc;

    SubscriberTopicRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Query("SELECT topic FROM subscriber_topic WHERE subscriber_id = :subscriberId ORDER BY topic")
    abstract List<String> topicsOf(Long subscriberId);

    @Query("DELETE FROM subscriber_topic WHERE subscriber_id = :subscriberId")
    abstract void clear(Long subscriberId);

    /** Replaces a subscriber's topics; an empty set means every topic. */
    void replace(Long subscriberId, Collection<String> topics) {
        clear(subscriberId);
        if (topics.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("INSERT INTO subscriber_topic (subscriber_id, topic) VALUES (?, ?)", statement -> {
            for (String topic : topics) {
                statement.setLong(1, subscriberId);
                statement.setString(2, topic);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }
}
