package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** The reader figures (migration V29): a row per count, plus deltas not yet folded. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubscriberCountRepository extends CrudRepository<SubscriberCount, Long> {

    /** Every count of one figure that is not zero, by label; the days' figures from {@code from} on. */
    @Query("""
            SELECT figure, label, CAST(SUM(n) AS BIGINT) AS n FROM subscriber_count WHERE figure = :figure AND label >= :from
            GROUP BY figure, label HAVING SUM(n) <> 0 ORDER BY label""")
    List<SubscriberCount.Total> totals(String figure, String from);

    /** Counts with more than one row: deltas to fold. */
    @Query("SELECT figure, label, COUNT(*) AS n FROM subscriber_count GROUP BY figure, label HAVING COUNT(*) > 1")
    List<SubscriberCount.Total> scattered();
}
