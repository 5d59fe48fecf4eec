package io.tidings.admin;

import io.micronaut.context.annotation.Value;
import io.tidings.core.Tokens;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The operator's bearer token: {@code ADMIN_TOKEN}, or a random one made at start and printed once,
 * so a fresh install is never open. Only its digest is kept for comparison.
 */
@Context // made at start, so a generated token is printed before anyone needs it
class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] digest;

    AdminToken(@Value("${tidings.admin-token:}") String configured) {
        String token = configured.isBlank() ? generated() : configured.strip();
        this.digest = digest(token);
    }

    private static String generated() {
        String token = Tokens.random();
        LOG.warn("ADMIN_TOKEN is not set; this run's admin token is {} (it is not shown again)", token);
        return token;
    }

    /** Compares digests in constant time, so neither the token nor its length leaks through timing. */
    boolean matches(String presented) {
        return MessageDigest.isEqual(digest, digest(presented));
    }

    private static byte[] digest(String token) {
        return Tokens.sha256(token).getBytes(StandardCharsets.US_ASCII);
    }
}
