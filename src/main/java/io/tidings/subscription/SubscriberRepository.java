package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubscriberRepository extends CrudRepository<Subscriber, Long> {

    /** Adds a pending subscriber unless the address is already known (a concurrent request may win); 1 if added. */
    @Query("""
            INSERT INTO subscriber (uid, email, email_key, name, status, frequency, manage_token_hash, created_at)
            VALUES (:uid, :email, :emailKey, :name, 'PENDING', :frequency, :manageTokenHash, :createdAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String uid, String email, String emailKey, @Nullable String name, String frequency,
                        String manageTokenHash, Instant createdAt);

    /** The subscriber for an address, row-locked so that requests for one address take turns. */
    @Query("SELECT * FROM subscriber WHERE email_key = :emailKey FOR UPDATE")
    Optional<Subscriber> lockByEmailKey(String emailKey);

    @Query("SELECT * FROM subscriber WHERE manage_token_hash = :hash FOR UPDATE")
    Optional<Subscriber> lockByManageTokenHash(String hash);

    @Query("SELECT * FROM subscriber WHERE id = :id FOR UPDATE")
    Optional<Subscriber> lockById(Long id);

    Optional<Subscriber> findByEmailKey(String emailKey);

    /** Subscribers and their topics in one round trip: a worker reads those of a whole claim. */
    @Query("""
            SELECT s.id, s.uid, s.email, s.name, s.status, s.frequency, s.paused_until,
                   (SELECT STRING_AGG(t.topic, ';' ORDER BY t.topic) FROM subscriber_topic t WHERE t.subscriber_id = s.id) AS topics
            FROM subscriber s WHERE s.id IN (:ids)""")
    List<ReaderRow> findReaders(Collection<Long> ids);

    @Query("UPDATE subscriber SET frequency = :frequency WHERE id = :id")
    void updateFrequency(Long id, String frequency);

    @Query("UPDATE subscriber SET paused_until = :pausedUntil WHERE id = :id")
    void updatePausedUntil(Long id, @Nullable Instant pausedUntil);

    @Query("UPDATE subscriber SET email = :email, email_key = :emailKey WHERE id = :id")
    void updateEmail(Long id, String email, String emailKey);

    Optional<Subscriber> findByManageTokenHash(String manageTokenHash);

    /** Deletes the emails queued for the subscribers {@link #deleteUnconfirmedBefore} deletes (the outbox keeps no foreign key). */
    @Query("""
            DELETE FROM outbox WHERE subscriber_id IN (
                SELECT id FROM subscriber WHERE status = 'PENDING' AND confirmed_at IS NULL AND created_at < :cutoff)""")
    int deleteOutboxOfUnconfirmedBefore(Instant cutoff);

    /** Deletes never-confirmed subscribers created before the cutoff, with their rows elsewhere. */
    @Query("DELETE FROM subscriber WHERE status = 'PENDING' AND confirmed_at IS NULL AND created_at < :cutoff")
    int deleteUnconfirmedBefore(Instant cutoff);
}
