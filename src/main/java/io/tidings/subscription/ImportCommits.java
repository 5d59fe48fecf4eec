package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of a job's rows in two steps: checked and prepared (no database, so it can run beside the
 * previous batch's commit), then committed in one transaction: the readers, the rows refused and the
 * job's progress together, so a job taken over after a crash goes on from the first row not committed
 * and adds nothing twice. A job whose lease another instance took commits nothing.
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

    /** A batch of {@code rows} rows read from the file, checked: the readers to add and the rows refused so far. */
    record Checked(int rows, ImportBatches.Prepared readers, List<ImportBatches.Rejection> rejected) {
    }

    /** Checks the rows and prepares the good ones for {@link #commit}. */
    Checked check(ImportColumns columns, List<CsvRows.Row> rows) {
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
        return new Checked(rows.size(), batches.prepare(candidates), rejected);
    }

    /** Adds the readers, records those refused and counts the batch's rows into the job. */
    @Transactional
    ImportBatches.Outcome commit(long jobId, String owner, Checked batch) {
        ImportBatches.Outcome added = batches.add(batch.readers());
        List<ImportBatches.Rejection> rejected = new ArrayList<>(batch.rejected());
        rejected.addAll(added.rejected());
        ImportBatches.Outcome outcome = new ImportBatches.Outcome(added.imported(), added.skipped(), rejected);
        progress.record(jobId, owner, batch.rows(), outcome);
        return outcome;
    }
}
