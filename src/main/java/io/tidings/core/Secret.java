package io.tidings.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A configured token (the admin token, the metrics token), kept only as its SHA-256 digest and
 * compared in constant time, so that neither the token nor its length leaks through timing.
 */
public final class Secret {

    private final byte[] digest;

    private Secret(String value) {
        this.digest = digest(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest, digest(presented));
    }

    private static byte[] digest(String value) {
        return Tokens.sha256(value).getBytes(StandardCharsets.US_ASCII);
    }
}
