package io.tidings.mail;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.tidings.core.TokenSigner;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The envelope sender of each message (VERP). With {@code BOUNCE_ADDRESS} set to
 * {@code bounces@news.example.com}, the message of outbox row 1234 goes out from
 * {@code bounces+ya-k2x9d4mq7b@news.example.com}: a bounce that comes back to that address names the
 * row whatever its format. The token is the row's id in base 36 and 50 bits of an HMAC of it under
 * the service key, in base 32, all in lower case and digits: some MTAs lower-case local parts, and a
 * forged token names nothing. Unset, every message's envelope sender is {@code MAIL_FROM}.
 */
@Singleton
public class ReturnPath {

    private static final String PURPOSE = "verp";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int MAC_CHARS = 10;
    private final TokenSigner signer;
    @Nullable
    private final String local;
    @Nullable
    private final String domain;
    @Nullable
    private final Pattern verp;

    ReturnPath(TokenSigner signer, @Value("${tidings.bounces.address:}") String bounceAddress) {
        this.signer = signer;
        String address = bounceAddress.strip();
        int at = address.lastIndexOf('@');
        if (address.isEmpty()) {
            local = null;
            domain = null;
            verp = null;
        } else if (at < 1 || at == address.length() - 1 || address.indexOf('+') >= 0
                || !address.matches("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("BOUNCE_ADDRESS must be a plain address such as bounces@news.example.com"
                    + " (letters, digits, dots, dashes; no '+'), not: " + address);
        } else {
            local = address.substring(0, at);
            domain = address.substring(at + 1);
            verp = Pattern.compile("(?<![A-Za-z0-9._+-])" + Pattern.quote(local) + "\\+([a-z0-9]+-[a-z2-7]{" + MAC_CHARS
                    + "})@" + Pattern.quote(domain) + "(?![A-Za-z0-9-])", Pattern.CASE_INSENSITIVE);
        }
    }

    /** Whether bounces come back to a VERP address ({@code BOUNCE_ADDRESS} is set). */
    public boolean verp() {
        return verp != null;
    }

    /** The envelope sender of the message in this outbox row, or null where it is {@code MAIL_FROM}. */
    @Nullable
    public String of(long outboxId) {
        if (verp == null) {
            return null;
        }
        return local + "+" + token(outboxId) + "@" + domain;
    }

    /** The VERP token in the first of these texts (an address, a header) that holds one for our bounce address. */
    public Optional<String> tokenIn(@Nullable String... texts) {
        if (verp != null) {
            for (String text : texts) {
                if (text != null) {
                    Matcher found = verp.matcher(text);
                    if (found.find()) {
                        return Optional.of(found.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The outbox row a token names, if it is one we made (whatever its case). */
    public Optional<Long> outboxId(@Nullable String token) {
        if (token == null) {
            return Optional.empty();
        }
        String lower = token.toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-');
        if (dash < 1 || dash > 13) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(lower.substring(0, dash), 36);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean genuine = MessageDigest.isEqual(token(id).getBytes(), lower.getBytes());
        return genuine && id > 0 ? Optional.of(id) : Optional.empty();
    }

    private String token(long outboxId) {
        String id = Long.toString(outboxId, 36);
        byte[] mac = signer.mac(PURPOSE, id);
        StringBuilder token = new StringBuilder(id).append('-');
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | mac[i] & 0xff;
        }
        for (int i = 0; i < MAC_CHARS; i++) {
            token.append(BASE32.charAt((int) (bits >>> 59)));
            bits <<= 5;
        }
        return token.toString();
    }
}
