package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * An operator's move from another tool: a CSV of readers who consented there, each checked and
 * added as confirmed with that consent on record. Bad rows are reported by line; the rest go in. Files
 * larger than the request limit go through {@link ImportJobs}.
 */
@Singleton
public class SubscriberImports {

    public static final List<String> COLUMNS = List.of("email", "name", "topics", "frequency", "consent_source", "consented_at");
    private final ImportRows checks;
    private final ImportedSubscribers subscribers;

    SubscriberImports(ImportRows checks, ImportedSubscribers subscribers) {
        this.checks = checks;
        this.subscribers = subscribers;
    }

    /** One row that was not added: skipped (already there) or rejected (and why). */
    @Serdeable
    public record RowReport(int line, @Nullable String email, String reason) {
    }

    @Serdeable
    public record Report(int imported, List<RowReport> skipped, List<RowReport> rejected) {
    }

    /** Imports a CSV file, its bytes already decoded strictly (web/TextReader names the line of any that are not text). */
    public Report run(String csv) {
        List<CsvRows.Row> rows;
        try {
            rows = CsvRows.parse(CsvRows.withoutByteOrderMark(csv));
        } catch (CsvRows.Unreadable e) {
            throw InvalidInputException.of("body", e.getMessage());
        }
        ImportColumns columns = ImportColumns.of(rows.isEmpty() ? List.of() : rows.get(0).fields());
        int imported = 0;
        List<RowReport> skipped = new ArrayList<>();
        List<RowReport> rejected = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            String email = row.fields().get(0).strip();
            try {
                ImportColumns.Values values = columns.values(row.fields());
                email = values.email().strip();
                ImportRows.Candidate candidate = checks.check(row.line(), values);
                ImportedSubscribers.Refused refused = subscribers.add(candidate.wanted(), candidate.evidence(),
                        candidate.consentedAt());
                if (refused == null) {
                    imported++;
                } else {
                    (refused.skipped() ? skipped : rejected).add(new RowReport(row.line(), email, refused.reason()));
                }
            } catch (InvalidInputException e) {
                rejected.add(new RowReport(row.line(), email, e.getMessage()));
            }
        }
        return new Report(imported, skipped, rejected);
    }
}
