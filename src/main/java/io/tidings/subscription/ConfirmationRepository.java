package io.tidings.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConfirmationRepository extends CrudRepository<Confirmation, Long> {

    Optional<Confirmation> findByTokenHash(String tokenHash);

    @Query("SELECT * FROM confirmation WHERE token_hash = :tokenHash FOR UPDATE")
    Optional<Confirmation> lockByTokenHash(String tokenHash);

    /** The subscriber's latest request to subscribe (not to move their address). */
    @Query("SELECT * FROM confirmation WHERE subscriber_id = :subscriberId AND new_email IS NULL ORDER BY id DESC LIMIT 1")
    Optional<Confirmation> latestOf(Long subscriberId);

    long countBySubscriberIdAndCreatedAtGreaterThan(Long subscriberId, Instant since);

    /** Spends every open confirmation of a subscriber, so older links cannot confirm again. */
    @Query("UPDATE confirmation SET used_at = :now WHERE subscriber_id = :subscriberId AND used_at IS NULL")
    void useAllOf(Long subscriberId, Instant now);
}
