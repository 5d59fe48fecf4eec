package io.tidings.mail;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.canon.DigestOutputStream;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DKIM signing (RFC 6376) of every message, over the bytes {@link MimeMessages} writes: rsa-sha256,
 * relaxed/relaxed. Apache James jDKIM canonicalises the header fields and the body and writes the
 * DKIM-Signature field; the RSA operation is the Amazon Corretto Crypto Provider's (native code) where
 * it loads on this platform, else the JDK's, which under the service's C1-only JIT takes about 10 ms a
 * signature against well under 1 ms.
 *
 * <p>Signed, where the message has them: {@link #SIGNED}. Each is listed once more than the message
 * has it (over-signing, RFC 6376 section 8.15), so a copy added on the way (a second From, Subject or
 * List-Unsubscribe) breaks the signature instead of riding on it. Headers the message lacks are not
 * listed: a confirmation has no List-Id.
 *
 * <p>Off unless DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY are all set. Some of them set, a key
 * that cannot be read, is encrypted, is not RSA or is under 1024 bits stops the start with the
 * reason; nothing of the key is ever logged.
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
    private static final int MINIMUM_BITS = 1024;
    private static final int ADVISED_BITS = 2048;

    /** The tags every signature starts with; {@code h=} follows per message. */
    private final String template;
    private final @Nullable Signer signer;

    DkimSigning(DkimConfig config, MailConfig mail) {
        if (config.domain() == null && config.selector() == null && config.privateKey() == null) {
            LOG.info("DKIM signing is off (DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY unset)");
            template = null;
            signer = null;
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
        if (!SELECTOR.matcher(config.selector()).matches()) {
            throw new IllegalStateException("DKIM_SELECTOR is not a selector (letters, digits, hyphens, dots): "
                    + config.selector());
        }
        RSAPrivateCrtKey key = readKey(Path.of(config.privateKey()));
        Provider provider = nativeRsa();
        template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + config.domain() + "; s=" + config.selector() + "; ";
        signer = new Signer(template, translated(key, provider), provider);
        LOG.info("DKIM signing as d={} s={} with a {}-bit RSA key ({}); its DNS record: {}._domainkey.{} TXT \"v=DKIM1; k=rsa; p={}\"",
                config.domain(), config.selector(), key.getModulus().bitLength(), provider.getName(),
                config.selector(), config.domain(), publicKey(key));
        String fromDomain = mail.from().substring(mail.from().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String domain = config.domain().toLowerCase(Locale.ROOT);
        if (!fromDomain.equals(domain) && !fromDomain.endsWith("." + domain) && !domain.endsWith("." + fromDomain)) {
            LOG.warn("DKIM_DOMAIN {} is not MAIL_FROM's domain {} nor one of its parents or subdomains: DMARC counts"
                    + " only a signature aligned with the From address", config.domain(), fromDomain);
        }
    }

    boolean on() {
        return signer != null;
    }

    /**
     * The DKIM-Signature field, folded and ending in CRLF, for a message of these header fields
     * ({@code Name: value} each, folded as written, without the final CRLF) and this body.
     */
    String signature(List<String> fields, byte[] body) throws MessagingException {
        SignatureRecord record = signer.newSignatureRecordTemplate(template + "h=" + signedNames(fields) + "; bh=; b=;");
        try {
            return MimeUtility.fold(0, signer.sign(new Fields(fields), record, signer.bodyHash(body))) + "\r\n";
        } catch (IOException | FailException e) {
            throw new MessagingException("cannot DKIM-sign the message: " + e.getMessage(), e);
        }
    }

    /** The {@code h=} list: each signed header as many times as the message has it, and once more. */
    private static String signedNames(List<String> fields) {
        StringBuilder names = new StringBuilder(160);
        for (String name : SIGNED) {
            int count = 0;
            for (String field : fields) {
                if (named(field, name)) {
                    count++;
                }
            }
            for (int i = count == 0 ? 0 : count + 1; i > 0; i--) {
                names.append(names.isEmpty() ? "" : ":").append(name);
            }
        }
        return names.toString();
    }

    private static boolean named(String field, String name) {
        return field.length() > name.length() && field.charAt(name.length()) == ':'
                && field.regionMatches(true, 0, name, 0, name.length());
    }

    /** The message's header fields as jDKIM asks for them: by name, in the order they are written. */
    private record Fields(List<String> fields) implements Headers {

        @Override
        public List<String> getFields() {
            return fields;
        }

        @Override
        public List<String> getFields(String name) {
            List<String> named = new ArrayList<>(1);
            for (String field : fields) {
                if (named(field, name)) {
                    named.add(field);
                }
            }
            return named;
        }
    }

    /**
     * jDKIM's signer with the digests and the RSA operation of the chosen provider, which its own cannot be
     * given: it takes SHA-256 from the JDK, which under the C1-only JIT costs more than the native one.
     */
    private static final class Signer extends DKIMSigner {

        private final PrivateKey key;
        private final Provider provider;

        Signer(String template, PrivateKey key, Provider provider) {
            super(template, key);
            this.key = key;
            this.provider = provider;
        }

        /** The body's hash ({@code bh=}): jDKIM's relaxed canonicaliser over the provider's SHA-256. */
        byte[] bodyHash(byte[] body) throws IOException, PermFailException {
            DigestOutputStream digest;
            try {
                digest = new DigestOutputStream(MessageDigest.getInstance("SHA-256", provider));
            } catch (GeneralSecurityException e) {
                throw new PermFailException("no SHA-256: " + e.getMessage(), e);
            }
            try (OutputStream out = new RelaxedBodyCanonicalizer(digest)) {
                out.write(body);
            }
            return digest.getDigest();
        }

        String sign(Headers message, SignatureRecord record, byte[] bodyHash) throws PermFailException {
            record.setBodyHash(bodyHash);
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA", provider);
                rsa.initSign(key);
                signatureCheck(message, record, record.getHeaders(), rsa);
                record.setSignature(rsa.sign());
            } catch (GeneralSecurityException e) {
                throw new PermFailException("RSA signing failed: " + e.getMessage(), e);
            }
            return "DKIM-Signature: " + record;
        }
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

    /** Reads an unencrypted RSA key from PEM: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). */
    static RSAPrivateCrtKey readKey(Path path) {
        String where = "DKIM_PRIVATE_KEY " + path;
        Object pem;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            pem = parser.readObject();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(where + ": no such file");
        } catch (IOException | RuntimeException e) {
            // The parser's own words may quote the file; the key stays out of every message and log.
            throw new IllegalStateException(where + ": cannot be read as a PEM private key (" + e.getClass().getSimpleName() + ")");
        }
        if (pem instanceof PEMEncryptedKeyPair || pem instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new IllegalStateException(where + ": the key is encrypted; give it without a passphrase"
                    + " (openssl pkey -in encrypted.pem -out key.pem), in a file only the service can read");
        }
        PrivateKey key;
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (pem instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalStateException(where + ": holds no private key in PEM (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
            }
        } catch (IOException e) {
            throw new IllegalStateException(where + ": the key cannot be decoded (" + e.getClass().getSimpleName() + ")");
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException(where + ": holds an " + key.getAlgorithm() + " key; Tidings signs with RSA"
                    + " (rsa-sha256), which every receiver verifies (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MINIMUM_BITS) {
            throw new IllegalStateException(where + ": a " + bits + "-bit RSA key; receivers ignore signatures by keys under "
                    + MINIMUM_BITS + " bits (RFC 8301), use " + ADVISED_BITS);
        }
        if (bits < ADVISED_BITS) {
            LOG.warn("{}: a {}-bit RSA key; RFC 8301 advises {} bits", where, bits, ADVISED_BITS);
        }
        return rsa;
    }

    /** The native provider where it loads here (Linux on x86-64), else the JDK's. */
    private static Provider nativeRsa() {
        AmazonCorrettoCryptoProvider corretto = AmazonCorrettoCryptoProvider.INSTANCE;
        if (corretto.getLoadingError() == null) {
            return corretto;
        }
        LOG.warn("DKIM: the native RSA of the Amazon Corretto Crypto Provider does not load here ({}); signing with the"
                + " JDK's, which costs several milliseconds of CPU a message", corretto.getLoadingError().toString());
        try {
            return Signature.getInstance("SHA256withRSA").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA256withRSA", e);
        }
    }

    /** The key as the provider's own, so no signature converts it again. */
    private static PrivateKey translated(RSAPrivateCrtKey key, Provider provider) {
        try {
            return KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM_PRIVATE_KEY: " + provider.getName() + " does not take the RSA key", e);
        }
    }

    /** The {@code p=} of the key's DNS record: its public half, which is no secret. */
    static String publicKey(RSAPrivateCrtKey key) {
        try {
            return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }
}
