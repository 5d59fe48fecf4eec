package io.tidings.mail;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DKIM signing (RFC 6376) of every message, over the bytes {@link MimeMessages} writes: relaxed/relaxed,
 * rsa-sha256 with an RSA key, ed25519-sha256 (RFC 8463) with an Ed25519 key, or both, each under its own
 * selector (RFC 8463 advises an RSA signature beside the Ed25519 one while receivers catch up). Apache
 * James jDKIM canonicalises the header fields ({@link CanonicalHeaders}) and the body and writes each
 * DKIM-Signature field; the canonical header data and the body hash are made once for all signatures; the
 * digests and the signing are the Amazon Corretto Crypto Provider's (native code) where it loads on this
 * platform, else the JDK's, whose RSA takes about ten times as long under the service's C1-only JIT.
 *
 * <p>Signed, where the message has them: {@link #SIGNED}. Each is listed once more than the message
 * has it (over-signing, RFC 6376 section 8.15), so a copy added on the way (a second From, Subject or
 * List-Unsubscribe) breaks the signature instead of riding on it. Headers the message lacks are not
 * listed: a confirmation has no List-Id.
 *
 * <p>Off unless DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY are all set; DKIM_SELECTOR and
 * DKIM_PRIVATE_KEY may each list two, comma-separated, one signature per pair. Some of them set, lists
 * of different lengths, a key that cannot be read, is encrypted, is neither RSA nor Ed25519 or is an RSA
 * key under 1024 bits stops the start with the reason; nothing of a key is ever logged.
 */
@Context
final class DkimSigning {

    private static final Logger LOG = LoggerFactory.getLogger(DkimSigning.class);

    /** What the signature covers, in this order, where the message has it. */
    static final List<String> SIGNED = List.of("From", "To", "Subject", "Date", "Message-ID", "List-Id",
            "List-Unsubscribe", "List-Unsubscribe-Post", "Feedback-ID", "Auto-Submitted", "MIME-Version", "Content-Type");
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");
    private static final Pattern SELECTOR = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    /** An RSA signature and an Ed25519 one: more would only cost CPU. */
    private static final int MOST_KEYS = 2;

    /** One per configured key, in the order given. */
    private final List<DkimSigner> signers;
    /** The native provider, or null where it does not load and the JDK's providers are used. */
    private final @Nullable Provider provider;
    /**
     * A body digest and buffer and the canonical header fields per sending thread, kept: looking a digest up
     * in the provider each message costs more than the hashing. {@link MessageDigest#digest()} leaves it
     * ready for the next message.
     */
    private final ThreadLocal<Scratch> scratches = new ThreadLocal<>();

    DkimSigning(DkimConfig config, MailConfig mail) {
        if (config.domain() == null && config.selector() == null && config.privateKey() == null) {
            LOG.info("DKIM signing is off (DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY unset)");
            signers = List.of();
            provider = null;
            return;
        }
        if (config.domain() == null || config.selector() == null || config.privateKey() == null) {
            throw new IllegalStateException("DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together;"
                    + " unset: " + String.join(", ", missing(config)));
        }
        if (!DOMAIN.matcher(config.domain()).matches() || config.domain().length() > 253) {
            throw new IllegalStateException("DKIM_DOMAIN is not a domain name (an internationalised one is given in its"
                    + " xn-- form): " + config.domain());
        }
        List<String> selectors = list(config.selector());
        List<String> paths = list(config.privateKey());
        if (selectors.size() != paths.size() || selectors.size() > MOST_KEYS || Set.copyOf(selectors).size() != selectors.size()) {
            throw new IllegalStateException("DKIM_SELECTOR and DKIM_PRIVATE_KEY give one selector for each key, one or two"
                    + " (an RSA key and an Ed25519 one), each selector once; given " + selectors.size() + " selector(s) and "
                    + paths.size() + " key(s)");
        }
        for (String selector : selectors) {
            if (!SELECTOR.matcher(selector).matches()) {
                throw new IllegalStateException("DKIM_SELECTOR is not a selector (letters, digits, hyphens, dots): " + selector);
            }
        }
        provider = nativeProvider();
        List<DkimSigner> made = new ArrayList<>(selectors.size());
        for (int i = 0; i < selectors.size(); i++) {
            DkimKey key = DkimKey.read(Path.of(paths.get(i)), provider);
            String selector = selectors.get(i);
            made.add(new DkimSigner(config.domain(), selector, key, provider));
            LOG.info("DKIM signing as d={} s={} with {} ({}); its DNS record: {}._domainkey.{} TXT \"{}\"",
                    config.domain(), selector, key.description(), provider == null ? "the JDK's" : provider.getName(),
                    selector, config.domain(), key.dnsRecord());
        }
        signers = List.copyOf(made);
        String fromDomain = mail.from().substring(mail.from().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String domain = config.domain().toLowerCase(Locale.ROOT);
        if (!fromDomain.equals(domain) && !fromDomain.endsWith("." + domain) && !domain.endsWith("." + fromDomain)) {
            LOG.warn("DKIM_DOMAIN {} is not MAIL_FROM's domain {} nor one of its parents or subdomains: DMARC counts"
                    + " only a signature aligned with the From address", config.domain(), fromDomain);
        }
    }

    boolean on() {
        return !signers.isEmpty();
    }

    /**
     * The DKIM-Signature fields, folded and each ending in CRLF, for a message of these header fields
     * ({@code Name: value} each, folded as written, without the final CRLF) and the body written as
     * these parts in order. The body is hashed once for all of them: each signs SHA-256 over the same
     * relaxed body.
     */
    String signature(List<String> fields, byte[]... body) throws MessagingException {
        Signed signed = signed(fields);
        Scratch scratch = scratches.get();
        try {
            if (scratch == null) {
                scratch = new Scratch(DkimSigner.sha256(provider), new HashBuffer(), new CanonicalHeaders());
                scratches.set(scratch);
            }
            byte[] bodyHash = bodyHash(scratch, body);
            HashBuffer headerData = scratch.headers().of(signed.names(), signed.fields());
            StringBuilder signatures = new StringBuilder(512 * signers.size());
            for (DkimSigner signer : signers) {
                fold(signer.sign(headerData, signed.list(), bodyHash), signatures);
            }
            return signatures.toString();
        } catch (GeneralSecurityException | IOException | FailException e) {
            scratches.remove();
            throw new MessagingException("cannot DKIM-sign the message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            scratches.remove();
            throw e;
        }
    }

    /**
     * The body's hash ({@code bh=}): jDKIM's relaxed canonicaliser into this thread's buffer, then the
     * provider's SHA-256 over the whole of it at once (the canonicaliser writes line by line, and each
     * call into native code costs).
     */
    private static byte[] bodyHash(Scratch scratch, byte[]... body) throws IOException {
        scratch.body().reset();
        // Closing the canonicaliser writes the body's last line; the buffer needs no closing.
        try (OutputStream out = new RelaxedBodyCanonicalizer(scratch.body())) {
            for (byte[] part : body) {
                out.write(part);
            }
        }
        return scratch.body().digest(scratch.sha256());
    }

    /**
     * This thread's body digest, the buffer the canonical body is gathered in and its canonical header
     * fields, all kept between messages.
     */
    private record Scratch(MessageDigest sha256, HashBuffer body, CanonicalHeaders headers) {
    }

    /**
     * A {@code DKIM-Signature: tag=value; ...} field folded (RFC 5322 section 2.2.3) before a tag wherever
     * its line would pass 76 characters, as {@code MimeUtility.fold} does at whitespace, without its copies
     * and checks: the record holds ASCII and no whitespace but the space after each {@code ;}.
     */
    static void fold(String field, StringBuilder out) {
        int lineStart = out.length();
        int at = 0;
        while (at < field.length()) {
            int space = field.indexOf(' ', at);
            int end = space < 0 ? field.length() : space;
            if (at > 0 && out.length() - lineStart + end - at + 1 > 76) {
                out.append("\r\n\t");
                lineStart = out.length() - 1;
            } else if (at > 0) {
                out.append(' ');
            }
            out.append(field, at, end);
            at = end + 1;
        }
        out.append("\r\n");
    }

    /**
     * The {@code h=} list, each signed header as many times as the message has it and once more, and the
     * fields it selects in the order a verifier takes them (RFC 6376 section 5.4.2: the last of a name
     * first; the name's extra listing selects none), each beside its name.
     */
    private static Signed signed(List<String> fields) {
        StringBuilder list = new StringBuilder(160);
        List<String> names = new ArrayList<>(fields.size());
        List<String> selected = new ArrayList<>(fields.size());
        for (String name : SIGNED) {
            int count = 0;
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (named(fields.get(i), name)) {
                    names.add(name);
                    selected.add(fields.get(i));
                    count++;
                }
            }
            for (int i = count == 0 ? 0 : count + 1; i > 0; i--) {
                list.append(list.isEmpty() ? "" : ":").append(name);
            }
        }
        return new Signed(list.toString(), names, selected);
    }

    /** A message's {@code h=} list, and the fields it selects in order, each with the name that selects it. */
    private record Signed(String list, List<String> names, List<String> fields) {
    }

    private static boolean named(String field, String name) {
        return field.length() > name.length() && field.charAt(name.length()) == ':'
                && field.regionMatches(true, 0, name, 0, name.length());
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }

    private static List<String> missing(DkimConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.domain() == null) {
            missing.add("DKIM_DOMAIN");
        }
        if (config.selector() == null) {
            missing.add("DKIM_SELECTOR");
        }
        if (config.privateKey() == null) {
            missing.add("DKIM_PRIVATE_KEY");
        }
        return missing;
    }

    /** The native provider where it loads here (Linux on x86-64), else null: the JDK's. */
    private static @Nullable Provider nativeProvider() {
        AmazonCorrettoCryptoProvider corretto = AmazonCorrettoCryptoProvider.INSTANCE;
        if (corretto.getLoadingError() == null) {
            return corretto;
        }
        LOG.warn("DKIM: the Amazon Corretto Crypto Provider does not load here ({}); signing with the JDK's, which"
                + " costs several milliseconds of CPU a message", corretto.getLoadingError().toString());
        return null;
    }
}
