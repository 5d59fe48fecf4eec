package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.tidings.bounce.Clues;
import io.tidings.bounce.Report;
import io.tidings.bounce.Source;
import io.tidings.mail.BounceType;

import java.time.Duration;
import java.time.Instant;

/** What every provider's event comes down to, and the checks their signed timestamps share. */
final class ProviderEvents {

    private ProviderEvents() {
    }

    /**
     * One report, to be matched by our Message-ID and then by the recipient: providers know no VERP
     * token. Blank values count as absent.
     */
    static Report report(BounceType type, @Nullable String status, @Nullable String diagnostic, Source source,
                         Instant at, @Nullable String messageId, @Nullable String recipient) {
        return new Report(type, blankToNull(status), blankToNull(diagnostic), source, at,
                new Clues(null, bracketed(messageId), blankToNull(recipient)));
    }

    /**
     * A Message-ID as the outbox keeps it, {@code <local@domain>}: Mailgun drops the brackets, SES keeps
     * whatever the header said.
     */
    @Nullable
    static String bracketed(@Nullable String messageId) {
        String id = blankToNull(messageId);
        if (id == null) {
            return null;
        }
        return id.startsWith("<") ? id : "<" + id + ">";
    }

    @Nullable
    static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Refuses a signed timestamp (seconds since the epoch) further than {@code tolerance} from now, either
     * way: a captured request stops working once it is that old.
     */
    static Instant withinTolerance(String epochSeconds, Instant now, Duration tolerance, String provider) {
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw WebhookRefusal.unbelieved("The " + provider + " timestamp is not a number of seconds.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw WebhookRefusal.unbelieved("The " + provider + " timestamp is more than " + tolerance.toSeconds()
                    + " s from now: too old to believe (or from a clock that is wrong).");
        }
        return signedAt;
    }

    /** When an event happened, by the provider's ISO-8601 time, or {@code fallback} where it gives none or garbage. */
    static Instant instant(@Nullable String iso, Instant fallback) {
        if (iso == null || iso.isBlank()) {
            return fallback;
        }
        try {
            return java.time.OffsetDateTime.parse(iso.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }
}
