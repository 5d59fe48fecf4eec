package io.tidings.delivery;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

    /**
     * Ids of up to {@code limit} due rows of each kind: pending rows whose time has come, and rows
     * whose lease expired (their instance died). Each half runs on an index; an OR would scan.
     */
    @Query("""
            SELECT id FROM (SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= :now ORDER BY due_at LIMIT :limit) pending
            UNION ALL
            SELECT id FROM (SELECT id FROM outbox WHERE status = 'SENDING' AND lease_until < :now ORDER BY lease_until LIMIT :limit) expired""")
    List<Long> findDueIds(Instant now, int limit);

    /**
     * Leases the given rows to one claim. The due condition is checked again on each locked row, so
     * two claimers that read the same ids never both take a row.
     */
    @Query("""
            UPDATE outbox SET status = 'SENDING', lease_owner = :owner, lease_until = :leaseUntil, attempts = attempts + 1
            WHERE id IN (:ids)
              AND ((status = 'PENDING' AND due_at <= :now) OR (status = 'SENDING' AND lease_until < :now))""")
    int claim(List<Long> ids, String owner, Instant now, Instant leaseUntil);

    /** The rows of one claim, of those it tried to take. */
    @Query("SELECT * FROM outbox WHERE id IN (:ids) AND lease_owner = :owner AND status = 'SENDING' ORDER BY id")
    List<OutboxMessage> findClaimed(List<Long> ids, String owner);

    /** Hands back what a claim did not get to, as if it had never been claimed. */
    @Query("""
            UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
            WHERE id IN (:ids) AND lease_owner = :owner AND status = 'SENDING'""")
    int release(List<Long> ids, String owner);

    /** Withholds a subscriber's queued emails (they unsubscribed). */
    @Query("UPDATE outbox SET status = 'SUPPRESSED', link_token = NULL WHERE subscriber_id = :subscriberId AND status = 'PENDING'")
    int suppressPendingFor(Long subscriberId);

    long countByStatus(MessageStatus status);

    List<OutboxMessage> findBySubscriberIdOrderById(Long subscriberId);

    void deleteBySubscriberId(Long subscriberId);
}
