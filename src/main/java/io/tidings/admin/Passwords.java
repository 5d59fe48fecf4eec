package io.tidings.admin;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Operators' passwords, hashed with Argon2id (Spring Security's encoder, its current parameters kept in
 * each hash). Checking an address that has no password costs one hash too, so the time of a sign-in
 * does not tell which addresses are operators.
 */
@Singleton
class Passwords {

    /** Shorter passwords are refused; longer ones are hashed whole. */
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 200;
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String decoy = encoder.encode("a password no operator has");

    String hash(String password) {
        return encoder.encode(password);
    }

    /** True when {@code hash} is present and is the hash of {@code password}. */
    boolean matches(String password, String hash) {
        boolean matches = encoder.matches(password, hash == null ? decoy : hash);
        return hash != null && matches;
    }

    /** Why a new password is refused, or null when it is fine. */
    static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "Choose a password of at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "Choose a password of at most " + MAX_LENGTH + " characters.";
        }
        return null;
    }
}
