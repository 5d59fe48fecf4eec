package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConsentEventRepository extends CrudRepository<ConsentEvent, Long> {

    /** A subscriber's consent record, oldest first. */
    @Query("SELECT * FROM consent_event WHERE subscriber_id = :subscriberId ORDER BY recorded_at, id")
    List<ConsentEvent> history(Long subscriberId);

    /** Deletes the consent records of readers being deleted, in the caller's transaction (no foreign key cascades, V30). */
    @Query("DELETE FROM consent_event WHERE subscriber_id IN (:subscriberIds)")
    void forget(Collection<Long> subscriberIds);
}
