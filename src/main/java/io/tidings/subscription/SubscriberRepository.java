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

    /** Subscribers as operators see them, with their topics. */
    String ROWS = """
            SELECT s.id, s.email, s.name, s.status, s.frequency,
                   (SELECT STRING_AGG(t.topic, ';' ORDER BY t.topic) FROM subscriber_topic t WHERE t.subscriber_id = s.id) AS topics,
                   s.created_at, s.confirmed_at, s.unsubscribed_at, s.paused_until, s.hard_bounces, s.last_bounce_at
            FROM subscriber s""";
    /**
     * Of one state and frequency unless {@code :status} and {@code :frequency} are null, who get {@code :topic}
     * (chose it, or chose none) unless it is '', and whose address or name matches {@code :pattern} unless it is ''.
     */
    String LISTED = " WHERE (:status IS NULL OR s.status = :status) AND (:frequency IS NULL OR s.frequency = :frequency)"
            + " AND (:topic = '' OR EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = s.id AND t.topic = :topic)"
            + " OR NOT EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = s.id))"
            + " AND (:pattern = '' OR LOWER(s.email) LIKE :pattern ESCAPE '\\' OR LOWER(s.name) LIKE :pattern ESCAPE '\\')";

    /** Adds a pending subscriber unless the address is already known (a concurrent request may win); 1 if added. */
    @Query("""
            INSERT INTO subscriber (uid, email, email_key, name, status, frequency, manage_token_hash, created_at)
            VALUES (:uid, :email, :emailKey, :name, 'PENDING', :frequency, :manageTokenHash, :createdAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String uid, String email, String emailKey, @Nullable String name, Frequency frequency,
                        String manageTokenHash, Instant createdAt);

    /** The subscriber for an address, row-locked so that requests for one address take turns. */
    @Query("SELECT * FROM subscriber WHERE email_key = :emailKey FOR UPDATE")
    Optional<Subscriber> lockByEmailKey(String emailKey);

    @Query("SELECT * FROM subscriber WHERE manage_token_hash = :hash FOR UPDATE")
    Optional<Subscriber> lockByManageTokenHash(String hash);

    @Query("SELECT * FROM subscriber WHERE id = :id FOR UPDATE")
    Optional<Subscriber> lockById(Long id);

    Optional<Subscriber> findByEmailKey(String emailKey);

    /** Which of these addresses (by key) are here, and in what state: an import's batch at once. */
    @Query("SELECT id, uid, email_key, status FROM subscriber WHERE email_key IN (:emailKeys)")
    List<KnownAddress> known(Collection<String> emailKeys);

    @Query("UPDATE subscriber SET frequency = :frequency WHERE id = :id")
    void updateFrequency(Long id, Frequency frequency);

    @Query("UPDATE subscriber SET paused_until = :pausedUntil WHERE id = :id")
    void updatePausedUntil(Long id, @Nullable Instant pausedUntil);

    @Query("UPDATE subscriber SET email = :email, email_key = :emailKey WHERE id = :id")
    void updateEmail(Long id, String email, String emailKey);

    Optional<Subscriber> findByManageTokenHash(String manageTokenHash);

    /**
     * One page of the subscribers {@link #LISTED} keeps, newest first: those older than {@code :before} (an id; the
     * console pages by it, on the primary key, however many readers there are), {@code :offset} of them skipped.
     */
    @Query(ROWS + LISTED + " AND s.id < :before ORDER BY s.id DESC LIMIT :limit OFFSET :offset")
    List<SubscriberRow> listed(@Nullable SubscriberStatus status, @Nullable Frequency frequency, String topic, String pattern,
                               long before, int limit, long offset);

    @Query("SELECT COUNT(*) FROM subscriber s" + LISTED)
    long countListed(@Nullable SubscriberStatus status, @Nullable Frequency frequency, String topic, String pattern);

    @Query(ROWS + " WHERE s.id = :id")
    Optional<SubscriberRow> row(long id);

    /** Subscribers with hard bounces, the latest bounce first. */
    @Query(ROWS + " WHERE s.last_bounce_at IS NOT NULL ORDER BY s.last_bounce_at DESC, s.id DESC LIMIT :limit")
    List<SubscriberRow> latestBounced(int limit);

    /** Adds a hard bounce to each subscriber; at the threshold one still mailed becomes BOUNCED. */
    @Query("""
            UPDATE subscriber SET hard_bounces = hard_bounces + 1, last_bounce_at = :at,
                   status = CASE WHEN hard_bounces + 1 >= :threshold AND status IN ('PENDING', 'CONFIRMED') THEN 'BOUNCED' ELSE status END
            WHERE id IN (:ids)""")
    void countHardBounce(Collection<Long> ids, int threshold, Instant at);

    /** Never-confirmed subscribers created before the cutoff. */
    @Query("SELECT id FROM subscriber WHERE status = 'PENDING' AND confirmed_at IS NULL AND created_at < :cutoff")
    List<Long> unconfirmedBefore(Instant cutoff);

    /** Of the given subscribers, those still never confirmed, locked until the transaction ends. */
    @Query("SELECT id FROM subscriber WHERE id IN (:ids) AND status = 'PENDING' AND confirmed_at IS NULL FOR UPDATE")
    List<Long> lockUnconfirmed(Collection<Long> ids);

    /** Deletes the given subscribers while still never confirmed, with their confirmations (ON DELETE CASCADE). */
    @Query("DELETE FROM subscriber WHERE id IN (:ids) AND status = 'PENDING' AND confirmed_at IS NULL")
    int deleteUnconfirmed(Collection<Long> ids);

    /** A reader still mailed becomes BOUNCED; 1 if they did. */
    @Query("""
            UPDATE subscriber SET status = 'BOUNCED', last_bounce_at = :at
            WHERE id = :id AND status IN ('PENDING', 'CONFIRMED')""")
    int bounce(long id, Instant at);

    @Query("UPDATE subscriber SET last_bounce_at = :at WHERE id = :id")
    void updateLastBounceAt(long id, Instant at);

    /**
     * A BOUNCED reader who had confirmed goes back to CONFIRMED, with {@code hardBounces} of their hard
     * bounces no longer counted; 1 if they did. Nobody else changes: not who unsubscribed or never confirmed.
     */
    @Query("""
            UPDATE subscriber SET status = 'CONFIRMED', hard_bounces = GREATEST(hard_bounces - :hardBounces, 0)
            WHERE id = :id AND status = 'BOUNCED' AND confirmed_at IS NOT NULL""")
    int restore(long id, int hardBounces);
}
