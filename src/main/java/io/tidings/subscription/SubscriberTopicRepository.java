package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubscriberTopicRepository extends GenericRepository<Subscriber, Long> {

    @Query("SELECT topic FROM subscriber_topic WHERE subscriber_id = :subscriberId ORDER BY topic")
    List<String> topicsOf(Long subscriberId);

    @Query("DELETE FROM subscriber_topic WHERE subscriber_id = :subscriberId")
    void clear(Long subscriberId);

    @Query("INSERT INTO subscriber_topic (subscriber_id, topic) VALUES (:subscriberId, :topic)")
    void add(Long subscriberId, String topic);

    /** Replaces a subscriber's topics; an empty set means every topic. There are a handful at most. */
    default void replace(Long subscriberId, Collection<String> topics) {
        clear(subscriberId);
        topics.forEach(topic -> add(subscriberId, topic));
    }
}
