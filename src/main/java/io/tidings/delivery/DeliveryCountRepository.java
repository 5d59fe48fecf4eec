package io.tidings.delivery;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.tidings.core.Count;

import java.util.List;

/** The outbox's counts (migration V19): a few rows per edition and status, plus deltas not yet folded. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryCountRepository extends CrudRepository<DeliveryCount, Long> {

    /** Every email by delivery state, held or folded. */
    @Query("SELECT status AS label, CAST(SUM(n) AS BIGINT) AS count FROM delivery_count GROUP BY status")
    List<Count> byStatus();

    /** An edition's digests by delivery state. */
    @Query("SELECT status AS label, CAST(SUM(n) AS BIGINT) AS count FROM delivery_count WHERE edition_id = :editionId AND kind = 'DIGEST' GROUP BY status")
    List<Count> digestsOf(long editionId);

    /** Editions with rows still in the outbox, none of them waiting or being sent. */
    @Query("""
            SELECT edition_id FROM delivery_count WHERE edition_id <> 0 GROUP BY edition_id
            HAVING SUM(CASE WHEN held THEN n ELSE 0 END) > 0
               AND SUM(CASE WHEN status IN ('PENDING', 'SENDING') THEN n ELSE 0 END) = 0
            ORDER BY edition_id""")
    List<Long> finishedEditionsHeld();

    /** Counts with more than one row: deltas to fold. */
    @Query("SELECT edition_id, kind, status, held FROM delivery_count GROUP BY edition_id, kind, status, held HAVING COUNT(*) > 1")
    List<DeliveryCount.Key> scattered();
}
