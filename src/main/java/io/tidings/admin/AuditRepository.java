package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRepository extends CrudRepository<AuditEntry, Long> {

    /** Entries older than the cursor (an id), newest first, of one action and one actor where given. */
    @Query("""
            SELECT * FROM audit_entry
            WHERE id < :before AND (:action IS NULL OR action = :action) AND (:actor IS NULL OR actor = :actor)
            ORDER BY id DESC LIMIT :limit""")
    List<AuditEntry> page(long before, @Nullable String action, @Nullable String actor, int limit);

    /** Who did the latest {@code action} about {@code subject}: the operator who started an import, when it ends. */
    @Query("SELECT actor FROM audit_entry WHERE action = :action AND subject = :subject ORDER BY id DESC LIMIT 1")
    Optional<String> actorOf(String action, String subject);

    /** Deletes up to {@code limit} of the oldest entries written before a time; says how many. */
    @Query("DELETE FROM audit_entry WHERE id IN (SELECT id FROM audit_entry WHERE at < :before ORDER BY id LIMIT :limit)")
    int deleteOlder(Instant before, int limit);
}
