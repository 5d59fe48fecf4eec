package io.tidings.subscription;

import io.tidings.core.InvalidInputException;
import io.tidings.core.IsoTimes;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;

/** Checks one row of an import, small or large, into the reader it adds and the consent they gave. */
@Singleton
class ImportRows {

    private static final int EVIDENCE_MAX = 200;
    /**
     * The times other tools write: Mailchimp's {@code 2024-03-14 09:12:31} (UTC), listmonk's PostgreSQL
     * text {@code 2024-03-14 09:12:31.735178+00}.
     */
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();
    private final SubscriptionRules rules;
    private final Clock clock;

    ImportRows(SubscriptionRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** A row that passed its checks: the reader to add, and where and when they consented. */
    record Candidate(int line, NewSubscription wanted, String evidence, Instant consentedAt) {
    }

    /** One row's reader; a bad row is refused with why, by field. */
    Candidate check(int line, ImportColumns.Values row) {
        if (row.leftState() != null) {
            throw InvalidInputException.of("row", "the tool it came from marks this reader " + row.leftState()
                    + ": an import cannot add them");
        }
        NewSubscription wanted = new NewSubscription(EmailAddress.parse(row.email()), SubscriptionRules.name(row.name()),
                rules.topics(row.topics().isBlank() ? List.of() : Arrays.asList(row.topics().split(";"))),
                Frequency.parse(row.frequency()));
        return new Candidate(line, wanted, evidence(row.consentSource()), consentedAt(row.consentedAt()));
    }

    private static String evidence(String raw) {
        String value = raw.strip();
        if (value.isEmpty() || value.length() > EVIDENCE_MAX || value.codePoints().anyMatch(EmailAddress::isControl)) {
            throw InvalidInputException.of("consent_source", "must say where consent was given, in at most " + EVIDENCE_MAX + " characters");
        }
        return value;
    }

    private Instant consentedAt(String raw) {
        Instant at = parseTime(raw);
        if (at == null) {
            throw InvalidInputException.of("consented_at", "is required: when the reader gave consent");
        }
        if (at.isAfter(clock.instant())) {
            throw InvalidInputException.of("consented_at", "is in the future");
        }
        return at;
    }

    private static Instant parseTime(String raw) {
        String text = raw.strip();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            try {
                return SPACED.parse(text, temporal -> LocalDateTime.from(temporal)
                        .toInstant(ZoneOffset.ofTotalSeconds(temporal.get(ChronoField.OFFSET_SECONDS))));
            } catch (DateTimeParseException e) {
                // Reported below, as for any other bad time.
            }
        }
        return IsoTimes.parse("consented_at", text.replace(' ', 'T'));
    }
}
