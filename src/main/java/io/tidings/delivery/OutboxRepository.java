package io.tidings.delivery;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.tidings.core.Count;
import io.tidings.subscription.DigestRecipients;
import io.tidings.subscription.Frequency;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

    /**
     * Rows a worker may take at all: a digest only while its edition is not held (see {@link EditionGate}).
     * An empty {@code :held} binds as {@code IN (NULL)}, which is never true: hence the COALESCE.
     */
    String SENDABLE = " AND (kind <> 'DIGEST' OR NOT COALESCE(edition_id IN (:held), FALSE))";

    /**
     * Ids of up to {@code limit} due rows of each kind: pending rows whose time has come, and rows
     * whose lease expired (their instance died). Each half runs on an index; an OR would scan.
     * The portable claim: read without locks, then {@link #claim} re-checks each row.
     */
    @Query("SELECT id FROM (SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= :now" + SENDABLE
            + " ORDER BY due_at LIMIT :limit) pending"
            + " UNION ALL"
            + " SELECT id FROM (SELECT id FROM outbox WHERE status = 'SENDING' AND lease_until < :now" + SENDABLE
            + " ORDER BY lease_until LIMIT :limit) expired")
    List<Long> findDueIds(Instant now, int limit, List<Long> held);

    /**
     * Leases the given rows to one claim. The due condition is checked again on each locked row, so
     * two claimers that read the same ids never both take a row.
     */
    @Query("""
            UPDATE outbox SET status = 'SENDING', lease_owner = :owner, lease_until = :leaseUntil, attempts = attempts + 1
            WHERE id IN (:ids)
              AND ((status = 'PENDING' AND due_at <= :now) OR (status = 'SENDING' AND lease_until < :now))""" + SENDABLE)
    int claim(List<Long> ids, String owner, Instant now, Instant leaseUntil, List<Long> held);

    /** Hands back what a claim did not get to, as if it had never been claimed. */
    @Query("""
            UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
            WHERE id IN (:ids) AND lease_owner = :owner AND status = 'SENDING'""")
    int release(List<Long> ids, String owner);

    /**
     * Queues an edition's digest for each of its recipients in one statement, each Message-ID the
     * subscriber's id between {@code idUpTo} and {@code idFrom}. The unique (edition, subscriber) index
     * makes a repeat queue nothing twice.
     */
    @Query("INSERT INTO outbox (kind, subscriber_id, edition_id, recipient, recipient_name, message_id, status, attempts,"
            + " due_at, created_at)"
            + " SELECT 'DIGEST', r.id, :editionId, r.email, r.name, CONCAT(:idUpTo, r.id, :idFrom),"
            + " 'PENDING', 0, :now, :now"
            + " FROM (" + DigestRecipients.SELECT + ") r"
            + " ON CONFLICT DO NOTHING")
    int queueDigests(Long editionId, String idUpTo, String idFrom, Instant now, Frequency frequency, boolean everyone,
                     List<String> topics);

    /** Withholds a subscriber's queued emails (they unsubscribed). */
    @Query("UPDATE outbox SET status = 'SUPPRESSED', link_token = NULL WHERE subscriber_id = :subscriberId AND status = 'PENDING'")
    int suppressPendingFor(Long subscriberId);

    /** Withholds an edition's queued digests (it was cancelled); claimed ones are suppressed as they come up. */
    @Query("""
            UPDATE outbox SET status = 'SUPPRESSED', last_error = 'the edition was cancelled'
            WHERE edition_id = :editionId AND kind = 'DIGEST' AND status = 'PENDING'""")
    int suppressPendingOfEdition(Long editionId);

    @Query("SELECT status AS label, COUNT(*) AS count FROM outbox WHERE subscriber_id = :subscriberId GROUP BY status")
    List<Count> countByStatusFor(Long subscriberId);

    /** The error of each subscriber's last failed email. */
    @Query("""
            SELECT o.subscriber_id, o.last_error FROM outbox o
            WHERE o.id IN (SELECT MAX(id) FROM outbox WHERE subscriber_id IN (:subscriberIds) AND status = 'FAILED'
                           GROUP BY subscriber_id)""")
    List<LastError> lastErrors(Collection<Long> subscriberIds);

    List<OutboxMessage> findBySubscriberIdOrderById(Long subscriberId);

    void deleteBySubscriberIdIn(Collection<Long> subscriberIds);

    /** The row a bounce names by its VERP token. */
    @Query("SELECT id, subscriber_id, edition_id, recipient FROM outbox WHERE id = :id")
    Optional<SentMessage> sentMessage(long id);

    /** An edition's digest to one reader, on the unique (edition_id, subscriber_id) index. */
    @Query("SELECT id, subscriber_id, edition_id, recipient FROM outbox WHERE edition_id = :editionId AND subscriber_id = :subscriberId")
    Optional<SentMessage> digestTo(long editionId, long subscriberId);

    /** A reader's message by its Message-ID, among that reader's rows only (outbox_subscriber index). */
    @Query("SELECT id, subscriber_id, edition_id, recipient FROM outbox WHERE subscriber_id = :subscriberId AND message_id = :messageId")
    List<SentMessage> ofSubscriberByMessageId(long subscriberId, String messageId);

    /**
     * When the relay last accepted a message to the reader, since a time, leaving out the given rows
     * (those a bounce came back for). An empty {@code :except} binds as {@code IN (NULL)}: hence the COALESCE.
     */
    @Query("""
            SELECT MAX(sent_at) FROM outbox WHERE subscriber_id = :subscriberId AND status = 'SENT' AND sent_at >= :since
            AND NOT COALESCE(id IN (:except), FALSE)""")
    Optional<Instant> lastSentTo(long subscriberId, Instant since, Collection<Long> except);

    /**
     * When one of an edition's digests was queued (one statement queues them all at once), read on the
     * (edition, subscriber) index.
     */
    @Query("SELECT created_at FROM outbox WHERE edition_id = :editionId ORDER BY subscriber_id LIMIT 1")
    Optional<Instant> queuedAt(long editionId);

    /** Up to {@code limit} of an edition's rows queued before a time, locked until the transaction ends. */
    @Query("SELECT id FROM outbox WHERE edition_id = :editionId AND created_at < :before ORDER BY subscriber_id LIMIT :limit FOR UPDATE")
    List<Long> lockOfEdition(long editionId, Instant before, int limit);

    /** Up to {@code limit} final rows of no edition (confirmations, address changes) queued before a time, locked. */
    @Query("""
            SELECT id FROM outbox WHERE edition_id IS NULL AND created_at < :before AND status IN ('SENT', 'FAILED', 'SUPPRESSED')
            ORDER BY subscriber_id LIMIT :limit FOR UPDATE""")
    List<Long> lockOneOffs(Instant before, int limit);

    /** Counts the given rows as folded (not held), so the figures stay whole when the rows go. */
    @Query("""
            INSERT INTO delivery_count (edition_id, kind, status, held, n)
            SELECT COALESCE(edition_id, 0), kind, status, FALSE, COUNT(*) FROM outbox WHERE id IN (:ids)
            GROUP BY COALESCE(edition_id, 0), kind, status""")
    int countFolded(List<Long> ids);

    /** Keeps, for each reader among the given rows, when a message to them was last accepted by the relay. */
    @Query("""
            MERGE INTO reader_delivery r
            USING (SELECT subscriber_id, MAX(sent_at) AS sent_at FROM outbox
                   WHERE id IN (:ids) AND status = 'SENT' AND subscriber_id IS NOT NULL GROUP BY subscriber_id) s
            ON r.subscriber_id = s.subscriber_id
            WHEN MATCHED AND s.sent_at > r.last_sent_at THEN UPDATE SET last_sent_at = s.sent_at
            WHEN NOT MATCHED THEN INSERT (subscriber_id, last_sent_at) VALUES (s.subscriber_id, s.sent_at)""")
    int keepLastSent(List<Long> ids);

    void deleteByIdIn(Collection<Long> ids);

    /** When a message to the reader was last accepted, of the rows the history retention removed. */
    @Query("SELECT last_sent_at FROM reader_delivery WHERE subscriber_id = :subscriberId")
    Optional<Instant> lastSentBeforeHistory(long subscriberId);

    @Query("DELETE FROM reader_delivery WHERE subscriber_id IN (:subscriberIds)")
    void forgetFolded(Collection<Long> subscriberIds);
}
