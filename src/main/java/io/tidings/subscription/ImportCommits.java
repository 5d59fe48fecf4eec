package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of a job's rows in one transaction: the readers, the rows refused and the job's progress
 * commit together, so a job taken over after a crash goes on from the first row not committed and
 * adds nothing twice. A job whose lease another instance took commits nothing.
 */
@Singleton
class ImportCommits {

    private final ImportRows checks;
    private final ImportBatches batches;
    private final ImportProgress progress;

    ImportCommits(ImportRows checks, ImportBatches batches, ImportProgress progress) {
        this.checks = checks;
        this.batches = batches;
        this.progress = progress;
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
        ImportBatches.Outcome added = batches.add(candidates);
        rejected.addAll(added.rejected());
        ImportBatches.Outcome outcome = new ImportBatches.Outcome(added.imported(), added.skipped(), rejected);
        progress.record(jobId, owner, rows.size(), outcome);
        return outcome;
    }
}
