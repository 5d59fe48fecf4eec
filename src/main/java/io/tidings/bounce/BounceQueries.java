package io.tidings.bounce;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The bounces page's figures and the operator's undo. Each reads {@code bounce} on an index: by edition
 * and type (V17), by type and time, or by reader; the outbox is asked only for one edition's count at a time.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface BounceQueries extends GenericRepository<Bounce, Long> {

    /** The bounces an undo selects: of the kinds that stop a reader's mail, not yet undone, of a known reader. */
    String SELECTED = """
            FROM bounce WHERE type IN ('hard', 'soft') AND restored_at IS NULL AND subscriber_id IS NOT NULL
            AND (:editionId IS NULL OR edition_id = :editionId) AND (:type IS NULL OR type = :type)
            AND (:status IS NULL OR status = :status) AND received_at >= :since""";

    /** How many of one edition's bounces are of one type. */
    @Introspected
    record EditionCount(long editionId, String type, long count) {
    }

    /** One reader's selected bounces: how many were hard. */
    @Introspected
    record ReaderTally(long subscriberId, long hard) {
    }

    /** The latest editions that anything came back about, newest first. */
    @Query("SELECT DISTINCT edition_id FROM bounce WHERE edition_id IS NOT NULL ORDER BY edition_id DESC LIMIT :limit")
    List<Long> latestEditions(int limit);

    @Query("SELECT edition_id, type, COUNT(*) AS count FROM bounce WHERE edition_id IN (:editionIds) GROUP BY edition_id, type")
    List<EditionCount> countsOf(Collection<Long> editionIds);

    @Query("SELECT subscriber_id, SUM(CASE WHEN type = 'hard' THEN 1 ELSE 0 END) AS hard " + SELECTED + " GROUP BY subscriber_id")
    List<ReaderTally> selectedReaders(@Nullable Long editionId, @Nullable String type, @Nullable String status, Instant since);

    @Query("SELECT COUNT(*) " + SELECTED)
    long countSelected(@Nullable Long editionId, @Nullable String type, @Nullable String status, Instant since);

    @Query("UPDATE bounce SET restored_at = :at WHERE id IN (SELECT id " + SELECTED + ")")
    int markRestored(@Nullable Long editionId, @Nullable String type, @Nullable String status, Instant since, Instant at);
}
