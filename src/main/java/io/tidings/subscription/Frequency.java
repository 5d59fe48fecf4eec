package io.tidings.subscription;

import io.tidings.core.InvalidInputException;

import java.util.Locale;

/** How often a subscriber gets a digest. */
public enum Frequency {
    DAILY, WEEKLY;

    static final Frequency DEFAULT = WEEKLY;

    /** Reads {@code daily} or {@code weekly}, in any case; blank means the default. */
    public static Frequency parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "daily" -> DAILY;
            case "weekly" -> WEEKLY;
            default -> throw InvalidInputException.of("frequency", "must be daily or weekly");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
