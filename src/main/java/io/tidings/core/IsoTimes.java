package io.tidings.core;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times as operators write them: an instant, a date-time with an offset, or a date (its start, UTC). */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** The time {@code value} names; null for a blank one; a bad one is refused by field name. */
    @Nullable
    public static Instant parse(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "is not an ISO-8601 date or date-time such as 2024-03-02T07:00:00Z");
        }
    }
}
