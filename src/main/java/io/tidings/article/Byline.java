package io.tidings.article;

import io.micronaut.core.annotation.Nullable;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byline line such as "By Dr. Jane Roe | Updated on Mar 2, 2024", "By Jane Roe" or "Published March 2, 2024".
 *
 * @param author null when the line only dates the page
 * @param date   null when the line only names the author or the date does not exist
 */
record Byline(@Nullable String author, @Nullable LocalDate date) {

    static final Byline NONE = new Byline(null, null);

    private static final int AUTHOR_MAX = 80;
    private static final String DATE = "(?<month>\\p{L}{3,9})\\.? (?<day>\\d{1,2})(?:st|nd|rd|th)?,? (?<year>\\d{4})";
    private static final String STAMP = "(?i:(?:last )?(?:updated|published|posted)(?: on)?:?) ";
    // Capitalised words, an optional honorific, particles such as "van", credentials after commas:
    // "By week 12, nausea fades" is a sentence, not a byline.
    private static final String NAME = "(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\\.? )?\\p{Lu}[\\p{L}'’.-]*"
            + "(?: (?:\\p{Lu}[\\p{L}'’.-]*|de|da|del|der|di|la|le|van|von))*(?:, \\p{Lu}[\\p{L}.]*)*";
    private static final Pattern BY = Pattern.compile(
            "(?i:by) (?<author>" + NAME + ")(?: ?[|•·–—-]? ?(?:" + STAMP + ")?" + DATE + ")?");
    private static final Pattern STAMP_ONLY = Pattern.compile(STAMP + DATE);

    /** Reads a whole (whitespace-collapsed) line as a byline, if it is one. */
    static Optional<Byline> parse(String line) {
        Matcher by = BY.matcher(line);
        if (by.matches() && by.group("author").length() <= AUTHOR_MAX) {
            return Optional.of(new Byline(by.group("author"), date(by)));
        }
        Matcher stamp = STAMP_ONLY.matcher(line);
        return stamp.matches() ? Optional.of(new Byline(null, date(stamp))) : Optional.empty();
    }

    /** This byline with what it lacks taken from a later one ("By Jane Roe" then "Updated on …"). */
    Byline or(Byline later) {
        return new Byline(author != null ? author : later.author, date != null ? date : later.date);
    }

    @Nullable
    private static LocalDate date(Matcher matcher) {
        if (matcher.group("month") == null) {
            return null;
        }
        String month = matcher.group("month").toLowerCase(Locale.ROOT);
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(month)) {
                try {
                    return LocalDate.of(Integer.parseInt(matcher.group("year")), m,
                            Integer.parseInt(matcher.group("day")));
                } catch (DateTimeException impossibleDay) {
                    return null;
                }
            }
        }
        return null;
    }
}
