package io.tidings.admin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OperatorLinkRepository extends CrudRepository<OperatorLink, String> {

    /** Uses the link if it is still unused and unexpired; 1 when this call used it, 0 otherwise. */
    @Query("UPDATE operator_link SET used_at = :at WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :at")
    int use(String tokenHash, Instant at);
}
