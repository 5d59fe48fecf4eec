package io.tidings.subscription;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of a job's rows in one transaction: the readers, the rows refused and the job's progress
 * commit together, so a job taken over after a crash goes on from the first row not committed and
 * adds nothing twice. A job whose lease another instance took commits nothing.
 */
@Singleton
class ImportCommits {

    private static final int EMAIL_MAX = 254;
    private static final int REASON_MAX = 500;
    private final ImportRows checks;
    private final ImportBatches batches;
    private final ImportJobRepository jobs;
    private final JdbcOperations jdbc;
    private final ImportConfig config;
    private final Clock clock;

    ImportCommits(ImportRows checks, ImportBatches batches, ImportJobRepository jobs, JdbcOperations jdbc,
                  ImportConfig config, Clock clock) {
        this.checks = checks;
        this.batches = batches;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.config = config;
        this.clock = clock;
    }

    /** The job is no longer this instance's: the batch is rolled back. */
    static final class LeaseLost extends RuntimeException {

        LeaseLost(long id) {
            super("import " + id + " was taken over by another instance");
        }
    }

    /** Checks and adds the rows, records those refused and counts them all into the job. */
    @Transactional
    ImportBatches.Outcome commit(long jobId, String owner, ImportColumns columns, List<CsvRows.Row> rows) {
        List<ImportRows.Candidate> candidates = new ArrayList<>(rows.size());
        List<ImportBatches.Rejection> rejected = new ArrayList<>();
        for (CsvRows.Row row : rows) {
            String email = row.fields().get(0);
            try {
                ImportColumns.Values values = columns.values(row.fields());
                email = values.email();
                candidates.add(checks.check(row.line(), values));
            } catch (InvalidInputException e) {
                rejected.add(new ImportBatches.Rejection(row.line(), email, e.getMessage()));
            }
        }
        ImportBatches.Outcome outcome = batches.add(candidates);
        rejected.addAll(outcome.rejected());
        ManyRows.insert(jdbc, "INSERT INTO subscriber_import_rejection (import_id, line, email, reason)", "(?, ?, ?, ?)",
                "ON CONFLICT DO NOTHING", rejected.stream()
                        .map(r -> new Object[] {jobId, r.line(), cut(r.email().strip(), EMAIL_MAX), cut(r.reason(), REASON_MAX)})
                        .toList());
        if (jobs.progress(jobId, owner, rows.size(), outcome.imported(), outcome.skipped(), rejected.size(),
                clock.instant().plus(config.lease())) == 0) {
            throw new LeaseLost(jobId);
        }
        return new ImportBatches.Outcome(outcome.imported(), outcome.skipped(), rejected);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
