package io.tidings.subscription;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tidings.core.Database;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Writes what a batch of a job did, in the batch's transaction: the rows refused, and the job's
 * counts with its lease renewed. The transaction commits without waiting for the disk where the
 * database allows: should the database itself crash, the batch and its count are lost together, and
 * the job reads those rows again.
 */
@Singleton
class ImportProgress {

    private static final int EMAIL_MAX = 254;
    private static final int REASON_MAX = 500;
    private static final ManyRows.Insert REJECTIONS = new ManyRows.Insert(
            "INSERT INTO subscriber_import_rejection (import_id, line, email, reason)", "(?, ?, ?, ?)", "ON CONFLICT DO NOTHING",
            "bigint", "bigint", "text", "text");
    private final ImportJobRepository jobs;
    private final JdbcOperations jdbc;
    private final Database database;
    private final ImportConfig config;
    private final Clock clock;

    ImportProgress(ImportJobRepository jobs, JdbcOperations jdbc, Database database, ImportConfig config, Clock clock) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.database = database;
        this.config = config;
        this.clock = clock;
    }

    /** The job is no longer this instance's: the batch is rolled back. */
    static final class LeaseLost extends RuntimeException {

        LeaseLost(long id) {
            super("import " + id + " was taken over by another instance");
        }
    }

    /** Records a batch of {@code rows} rows; throws {@link LeaseLost}, rolling the batch back, when the job is no longer ours. */
    void record(long jobId, String owner, int rows, ImportBatches.Outcome outcome) {
        if (!database.commitWithoutFlush().isEmpty()) {
            jdbc.prepareStatement("SELECT " + database.commitWithoutFlush(), statement -> statement.execute());
        }
        List<ImportBatches.Rejection> rejected = outcome.rejected();
        ManyRows.insert(jdbc, database.updatesFromArrays(), REJECTIONS, rejected.stream()
                        .map(r -> new Object[] {jobId, r.line(), r.email() == null ? null : cut(r.email().strip(), EMAIL_MAX), cut(r.reason(), REASON_MAX)})
                        .toList());
        if (jobs.progress(jobId, owner, rows, outcome.imported(), outcome.skipped(), rejected.size(),
                clock.instant().plus(config.lease())) == 0) {
            throw new LeaseLost(jobId);
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
