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

    /** The furthest back an event's own time is believed; older (or later than now) is taken as received now. */
    private static final Duration OLDEST = Duration.ofDays(366);

    /**
     * One report, to be matched by our Message-ID and then by the recipient: providers know no VERP
     * token. Blank values count as absent.
     *
     * @param at       when the provider says it happened, or null
     * @param received when the provider's request came
     */
    static Report report(BounceType type, @Nullable String status, @Nullable String diagnostic, Source source,
                         @Nullable Instant at, Instant received, @Nullable String messageId, @Nullable String recipient) {
        Instant when = at == null || at.isAfter(received) || at.isBefore(received.minus(OLDEST)) ? received : at;
        return new Report(type, blankToNull(status), blankToNull(diagnostic), source, when,
                new Clues(null, bracketed(messageId), blankToNull(recipient)));
    }

    /** An event's time in seconds since the epoch (fractions allowed), or null where there is none or no such time. */
    @Nullable
    static Instant epochSeconds(@Nullable Number seconds) {
        if (seconds == null || !Double.isFinite(seconds.doubleValue())) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000));
        } catch (java.time.DateTimeException e) {
            return null;
        }
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

    /** When an event happened, by the provider's ISO-8601 time, or null where it gives none or garbage. */
    @Nullable
    static Instant instant(@Nullable String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(iso.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
