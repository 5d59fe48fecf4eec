package io.tidings.core;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/** SQL LIKE patterns for "contains this text, in any case", used with {@code LOWER(column) LIKE :pattern ESCAPE '\'}. */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** The pattern for text anywhere in a value, its own wildcards escaped; '' for no text (the queries read it as "any"). */
    public static String containing(@Nullable String text) {
        return text == null || text.isBlank() ? ""
                : "%" + text.strip().toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
    }
}
