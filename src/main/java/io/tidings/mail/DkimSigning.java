package io.tidings.mail;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DKIM signing (RFC 6376) of every message, over the bytes {@link MimeMessages} writes: relaxed/relaxed,
 * rsa-sha256 with an RSA key, ed25519-sha256 (RFC 8463) with an Ed25519 key, or both, each under its own
 * selector (RFC 8463 advises an RSA signature beside the Ed25519 one while receivers catch up). Apache
 * James jDKIM canonicalises the header fields and the body and writes each DKIM-Signature field; the
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
    private static final int MINIMUM_BITS = 1024;
    private static final int ADVISED_BITS = 2048;
    /** An RSA signature and an Ed25519 one: more would only cost CPU. */
    private static final int MOST_KEYS = 2;

    /** One per configured key, in the order given. */
    private final List<Signer> signers;
    /** The native provider, or null where it does not load and the JDK's providers are used. */
    private final @Nullable Provider provider;
    /**
     * A body digest per sending thread, kept: looking one up in the provider each message costs more
     * than the hashing. {@link MessageDigest#digest()} leaves it ready for the next message.
     */
    private final ThreadLocal<MessageDigest> bodyDigests = new ThreadLocal<>();

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
        List<Signer> made = new ArrayList<>(selectors.size());
        for (int i = 0; i < selectors.size(); i++) {
            SigningKey key = readKey(Path.of(paths.get(i)), provider);
            String selector = selectors.get(i);
            made.add(new Signer("v=1; a=" + key.algorithm() + "; c=relaxed/relaxed; d=" + config.domain() + "; s=" + selector + "; ",
                    key, provider));
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
     * ({@code Name: value} each, folded as written, without the final CRLF) and this body. The body is
     * hashed once for all of them: each signs SHA-256 over the same relaxed body.
     */
    String signature(List<String> fields, byte[] body) throws MessagingException {
        String names = signedNames(fields);
        Headers headers = new Fields(fields);
        try {
            byte[] bodyHash = bodyHash(body);
            StringBuilder signatures = new StringBuilder(512 * signers.size());
            for (Signer signer : signers) {
                signatures.append(MimeUtility.fold(0, signer.sign(headers, names, bodyHash))).append("\r\n");
            }
            return signatures.toString();
        } catch (IOException | FailException e) {
            throw new MessagingException("cannot DKIM-sign the message: " + e.getMessage(), e);
        }
    }

    /**
     * The body's hash ({@code bh=}): jDKIM's relaxed canonicaliser, then the provider's SHA-256 over its
     * whole output at once (the canonicaliser writes line by line, and each call into native code costs).
     */
    private byte[] bodyHash(byte[] body) throws IOException, PermFailException {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream(body.length);
        try (OutputStream out = new RelaxedBodyCanonicalizer(canonical)) {
            out.write(body);
        }
        MessageDigest sha256 = bodyDigests.get();
        try {
            if (sha256 == null) {
                sha256 = sha256(provider);
                bodyDigests.set(sha256);
            }
            sha256.update(canonical.toByteArray());
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new PermFailException("no SHA-256: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            bodyDigests.remove();
            throw e;
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
     * jDKIM's signer with the signature algorithm of the chosen provider, which its own cannot be given:
     * it hashes the canonical header fields into whatever {@link Signature} it is handed.
     */
    private static final class Signer extends DKIMSigner {

        /** The tags every signature of this key starts with; {@code h=} follows per message. */
        private final String template;
        private final SigningKey key;
        private final @Nullable Provider provider;
        private final ThreadLocal<Signature> signatures = new ThreadLocal<>();

        Signer(String template, SigningKey key, @Nullable Provider provider) {
            super(template, key.key());
            this.template = template;
            this.key = key;
            this.provider = provider;
        }

        String sign(Headers message, String names, byte[] bodyHash) throws PermFailException {
            SignatureRecord record = newSignatureRecordTemplate(template + "h=" + names + "; bh=; b=;");
            record.setBodyHash(bodyHash);
            try {
                Signature signature = initialised();
                signatureCheck(message, record, record.getHeaders(), signature);
                record.setSignature(signature.sign());
            } catch (GeneralSecurityException | RuntimeException e) {
                signatures.remove();
                throw new PermFailException(key.algorithm() + " signing failed: " + e.getMessage(), e);
            }
            return "DKIM-Signature: " + record;
        }

        /**
         * This thread's signature, initialised with the key once: per message, finding the algorithm and
         * handing it the key cost as much as an Ed25519 signature (the provider converts the key each time).
         * {@link Signature#sign()} leaves it ready for the next message.
         */
        private Signature initialised() throws GeneralSecurityException {
            Signature signature = signatures.get();
            if (signature == null) {
                signature = key.rsa() ? signature(provider, "SHA256withRSA")
                        : new Ed25519Sha256(sha256(provider), signature(provider, "Ed25519"));
                signature.initSign(key.key());
                signatures.set(signature);
            }
            return signature;
        }
    }

    /**
     * ed25519-sha256 as RFC 8463 section 3 defines it: PureEdDSA (Ed25519) over the SHA-256 hash of what
     * jDKIM feeds it, the canonical header fields and the unsigned DKIM-Signature field.
     */
    private static final class Ed25519Sha256 extends Signature {

        private final MessageDigest sha256;
        private final Signature ed25519;
        /** What jDKIM feeds, field by field, hashed at once when signing: one call into native code, not dozens. */
        private final ByteArrayOutputStream data = new ByteArrayOutputStream(2048);

        Ed25519Sha256(MessageDigest sha256, Signature ed25519) {
            super("ed25519-sha256");
            this.sha256 = sha256;
            this.ed25519 = ed25519;
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            ed25519.initSign(key);
            data.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            throw new InvalidKeyException("signs only");
        }

        @Override
        protected void engineUpdate(byte b) {
            data.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            byte[] hash = sha256.digest(data.toByteArray());
            data.reset();
            ed25519.update(hash);
            return ed25519.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            throw new SignatureException("signs only");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }

    /** SHA-256 from the native provider, or from the JDK's where that did not load. */
    private static MessageDigest sha256(@Nullable Provider provider) throws GeneralSecurityException {
        return provider == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", provider);
    }

    private static Signature signature(@Nullable Provider provider, String algorithm) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
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

    /**
     * A key read and checked: {@code a=}'s algorithm, the key as the signing provider's own (so no
     * signature converts it again), the TXT record that publishes its public half and words for the log.
     */
    record SigningKey(String algorithm, PrivateKey key, String dnsRecord, String description) {

        boolean rsa() {
            return algorithm.equals("rsa-sha256");
        }
    }

    /**
     * Reads an unencrypted key from PEM: RSA as PKCS#8 ({@code PRIVATE KEY}) or PKCS#1
     * ({@code RSA PRIVATE KEY}), Ed25519 as PKCS#8 ({@code openssl genpkey -algorithm ed25519}).
     */
    static SigningKey readKey(Path path, @Nullable Provider provider) {
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
        PrivateKeyInfo info;
        if (pem instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (pem instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else {
            throw new IllegalStateException(where + ": holds no private key in PEM (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
        }
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalStateException(where + ": the key cannot be decoded (" + e.getClass().getSimpleName() + ")");
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MINIMUM_BITS) {
                throw new IllegalStateException(where + ": a " + bits + "-bit RSA key; receivers ignore signatures by keys under "
                        + MINIMUM_BITS + " bits (RFC 8301), use " + ADVISED_BITS);
            }
            if (bits < ADVISED_BITS) {
                LOG.warn("{}: a {}-bit RSA key; RFC 8301 advises {} bits", where, bits, ADVISED_BITS);
            }
            return new SigningKey("rsa-sha256", translated(rsa, provider), "v=DKIM1; k=rsa; p=" + publicKey(rsa),
                    "a " + bits + "-bit RSA key");
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            byte[] publicKey;
            try {
                publicKey = ((Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(info)).generatePublicKey().getEncoded();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(where + ": the key cannot be decoded (" + e.getClass().getSimpleName() + ")");
            }
            // RFC 8463 section 4.2: p= is the bare 32-byte public key, not a SubjectPublicKeyInfo.
            // The provider has no Ed25519 KeyFactory; its signature takes the JDK's key as it is.
            return new SigningKey("ed25519-sha256", key,
                    "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(publicKey), "an Ed25519 key");
        }
        throw new IllegalStateException(where + ": holds an " + key.getAlgorithm() + " key; Tidings signs with RSA"
                + " (rsa-sha256, which every receiver verifies: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)"
                + " or Ed25519 (ed25519-sha256: openssl genpkey -algorithm ed25519)");
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

    /** The key as the provider's own, so no signature converts it again. */
    private static PrivateKey translated(RSAPrivateCrtKey key, @Nullable Provider provider) {
        if (provider == null) {
            return key;
        }
        try {
            return KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM_PRIVATE_KEY: " + provider.getName() + " does not take the RSA key", e);
        }
    }

    /** The {@code p=} of an RSA key's DNS record: its public half, which is no secret. */
    static String publicKey(RSAPrivateCrtKey key) {
        try {
            return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }
}
