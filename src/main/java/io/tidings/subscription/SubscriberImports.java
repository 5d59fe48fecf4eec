package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.InvalidInputException;
import io.tidings.core.IsoTimes;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An operator's move from another tool: a CSV of readers who consented there, each checked and
 * added as confirmed with that consent on record. Bad rows are reported by line; the rest go in.
 */
@Singleton
public class SubscriberImports {

    public static final List<String> COLUMNS = List.of("email", "name", "topics", "frequency", "consent_source", "consented_at");
    private static final int EVIDENCE_MAX = 200;
    private final SubscriptionRules rules;
    private final ImportedSubscribers subscribers;
    private final Clock clock;

    SubscriberImports(SubscriptionRules rules, ImportedSubscribers subscribers, Clock clock) {
        this.rules = rules;
        this.subscribers = subscribers;
        this.clock = clock;
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
        if (rows.isEmpty() || !rows.get(0).fields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList().equals(COLUMNS)) {
            throw InvalidInputException.of("body", "must start with the header line " + String.join(",", COLUMNS));
        }
        int imported = 0;
        List<RowReport> skipped = new ArrayList<>();
        List<RowReport> rejected = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            String email = f.isEmpty() ? null : f.get(0).strip();
            try {
                if (f.size() != COLUMNS.size()) {
                    throw InvalidInputException.of("row", "has " + f.size() + " fields, expected " + COLUMNS.size());
                }
                NewSubscription wanted = new NewSubscription(EmailAddress.parse(f.get(0)), SubscriptionRules.name(f.get(1)),
                        rules.topics(f.get(2).isBlank() ? List.of() : Arrays.asList(f.get(2).split(";"))),
                        Frequency.parse(f.get(3)));
                ImportedSubscribers.Refused refused = subscribers.add(wanted, evidence(f.get(4)), consentedAt(f.get(5)));
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

    private static String evidence(String raw) {
        String value = raw.strip();
        if (value.isEmpty() || value.length() > EVIDENCE_MAX || value.codePoints().anyMatch(EmailAddress::isControl)) {
            throw InvalidInputException.of("consent_source", "must say where consent was given, in at most " + EVIDENCE_MAX + " characters");
        }
        return value;
    }

    private Instant consentedAt(String raw) {
        Instant at = IsoTimes.parse("consented_at", raw);
        if (at == null) {
            throw InvalidInputException.of("consented_at", "is required: when the reader gave consent");
        }
        if (at.isAfter(clock.instant())) {
            throw InvalidInputException.of("consented_at", "is in the future");
        }
        return at;
    }
}
