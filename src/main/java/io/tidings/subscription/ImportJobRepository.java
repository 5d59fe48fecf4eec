package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ImportJobRepository extends CrudRepository<ImportJob, Long> {

    /** Takes a running job for an instance, unless another one holds it; 1 if taken. */
    @Query("""
            UPDATE subscriber_import SET lease_owner = :owner, lease_until = :until
            WHERE id = :id AND status = 'RUNNING' AND (lease_owner IS NULL OR lease_until < :now)""")
    int claim(long id, String owner, Instant until, Instant now);

    /** Adds a committed batch to the job's counts and renews the lease; 0 when the lease was lost. */
    @Query("""
            UPDATE subscriber_import SET processed = processed + :processed, imported = imported + :imported,
                   skipped = skipped + :skipped, rejected = rejected + :rejected, lease_until = :until
            WHERE id = :id AND lease_owner = :owner AND status = 'RUNNING'""")
    int progress(long id, String owner, long processed, long imported, long skipped, long rejected, Instant until);

    /** Ends a job done or failed, and lets go of it; 0 when the lease was lost. */
    @Query("""
            UPDATE subscriber_import SET status = :status, failure = :failure, finished_at = :at, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner AND status = 'RUNNING'""")
    int finish(long id, String owner, ImportStatus status, @Nullable String failure, Instant at);

    /** Lets go of a job still running, for another instance (or this one after a restart) to go on with. */
    @Query("UPDATE subscriber_import SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
    void release(long id, String owner);

    /** Running jobs nobody holds: new ones, and those whose instance stopped. */
    @Query("SELECT id FROM subscriber_import WHERE status = 'RUNNING' AND (lease_until IS NULL OR lease_until < :now) ORDER BY id")
    List<Long> unheld(Instant now);

    /** The latest jobs, newest first, for the dashboard. */
    @Query("SELECT * FROM subscriber_import ORDER BY id DESC LIMIT :limit")
    List<ImportJob> latest(int limit);

    /** Removes the rejected import lines that name this address (by {@link EmailAddress#key()}): the reader was erased. */
    @Query("DELETE FROM subscriber_import_rejection WHERE LOWER(email) = :emailKey")
    void forgetRejected(String emailKey);
}
