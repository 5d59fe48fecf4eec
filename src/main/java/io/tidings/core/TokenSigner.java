package io.tidings.core;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Derives long-lived tokens (a subscriber's unsubscribe and preferences link) from a server key, so
 * that a digest can carry them without the database keeping them: only their hashes are stored.
 * The key is {@code TOKEN_SECRET}, or else one the first instance stored in the database.
 */
@Singleton
public class TokenSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    /** A keyed Mac per thread: a token costs its HMAC alone, not a provider look-up and key set-up too (an import signs two a row). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    TokenSigner(@Value("${tidings.token-secret:}") String configured, ServiceSecretRepository secrets) {
        String secret = configured.isBlank() ? storedSecret(secrets) : configured;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static String storedSecret(ServiceSecretRepository secrets) {
        secrets.insertIfAbsent("token-hmac", Tokens.random() + Tokens.random());
        return secrets.findById("token-hmac").orElseThrow().secret();
    }

    /** A URL-safe token of 192 bits bound to {@code purpose} and {@code subject}. */
    public String sign(String purpose, String subject) {
        return Tokens.urlSafe(Arrays.copyOf(mac(purpose, subject), 24));
    }

    /** The whole HMAC of {@code purpose} and {@code subject}, for a token spelled otherwise (VERP's, in lower case). */
    public byte[] mac(String purpose, String subject) {
        return macs.get().doFinal((purpose + '\n' + subject).getBytes(StandardCharsets.UTF_8));
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
