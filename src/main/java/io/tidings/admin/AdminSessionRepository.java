package io.tidings.admin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AdminSessionRepository extends CrudRepository<AdminSession, String> {

    /** Records that the session was used, which keeps it from going idle. */
    @Query("UPDATE admin_session SET last_seen_at = :at WHERE id_hash = :idHash")
    void touch(String idHash, Instant at);

    /** Deletes sessions idle since {@code idleBefore} or made before {@code madeBefore}. */
    @Query("DELETE FROM admin_session WHERE last_seen_at < :idleBefore OR created_at < :madeBefore")
    int deleteExpired(Instant idleBefore, Instant madeBefore);

    /** Signs the operator out everywhere. */
    @Query("DELETE FROM admin_session WHERE operator_id = :operatorId")
    int deleteByOperator(long operatorId);
}
