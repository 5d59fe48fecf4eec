package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.tidings.core.InvalidInputException;

import java.util.Locale;

/** Roles and invited addresses as operators write them: {@code owner}, {@code editor}, {@code viewer}. */
final class Roles {

    private Roles() {
    }

    static String label(Rights.Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    static Rights.Role parse(@Nullable String role) {
        for (Rights.Role candidate : Rights.Role.values()) {
            if (label(candidate).equals(role)) {
                return candidate;
            }
        }
        throw InvalidInputException.of("role", "must be owner, editor or viewer");
    }

    /** The address, normalized; 422 unless it looks like name@example.com. */
    static String email(@Nullable String email) {
        String address = Operators.normalized(email);
        if (!looksLikeEmail(address)) {
            throw InvalidInputException.of("email", "must look like name@example.com");
        }
        return address;
    }

    static boolean looksLikeEmail(String address) {
        int at = address.indexOf('@');
        return at > 0 && at < address.length() - 1 && address.length() <= 320
                && address.chars().noneMatch(Character::isWhitespace);
    }
}
