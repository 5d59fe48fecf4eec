package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;

/**
 * One key's DKIM-Signature fields ({@link DkimSigning} signs a message with each configured key), with the
 * chosen provider's algorithm, which jDKIM's own signer cannot be given, over the canonical header data
 * jDKIM made ({@link CanonicalHeaders}) and jDKIM's signature record.
 */
final class DkimSigner {

    private static final byte[] UNSIGNED = new byte[0];
    /** The tags every signature of this key starts with; {@code h=} follows per message. */
    private final String template;
    private final DkimKey key;
    private final @Nullable Provider provider;
    private final ThreadLocal<Signing> signings = new ThreadLocal<>();

    DkimSigner(String domain, String selector, DkimKey key, @Nullable Provider provider) {
        this.template = "v=1; a=" + key.algorithm() + "; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; ";
        this.key = key;
        this.provider = provider;
    }

    String sign(HashBuffer headerData, String names, byte[] bodyHash) throws PermFailException {
        try {
            Signing signing = signing(names);
            Record record = signing.record();
            record.setBodyHash(bodyHash);
            // As unsigned as a new record: the previous message's b= is not left for jDKIM to strip.
            record.setSignature(UNSIGNED);
            Signature signature = signing.signature();
            headerData.update(signature);
            // b= is empty: the record as it stands is the unsigned one (jDKIM's toUnsignedString would
            // strip b= with a regular expression).
            CanonicalHeaders.signatureField(signature, record.toString());
            record.setSignature(signature.sign());
            return "DKIM-Signature: " + record;
        } catch (GeneralSecurityException | RuntimeException e) {
            signings.remove();
            throw new PermFailException(key.algorithm() + " signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * This thread's signing for this {@code h=} list: the record jDKIM parsed from the template, kept
     * while the next message has the same header fields (every digest of an edition does), since
     * parsing it took as long as the signature; {@link Record#setBodyHash} and {@link Record#setSignature}
     * replace the values of the message before.
     */
    private Signing signing(String names) throws GeneralSecurityException {
        Signing signing = signings.get();
        if (signing != null && signing.names().equals(names)) {
            return signing;
        }
        signing = new Signing(names, signing == null ? initialised() : signing.signature(),
                new Record(template + "h=" + names + "; bh=; b=;"));
        signings.set(signing);
        return signing;
    }

    /**
     * A signature initialised with the key, made once a thread: per message, finding the algorithm and
     * handing it the key cost as much as an Ed25519 signature (the provider converts the key each time).
     * {@link Signature#sign()} leaves it ready for the next message.
     */
    private Signature initialised() throws GeneralSecurityException {
        Signature signature = key.rsa() ? signature(provider, "SHA256withRSA")
                : new Ed25519Sha256(sha256(provider), signature(provider, "Ed25519"));
        signature.initSign(key.key());
        return signature;
    }

    /** A thread's signature, and the record jDKIM parsed for one {@code h=} list. */
    private record Signing(String names, Signature signature, Record record) {
    }

    /**
     * jDKIM's signature record, its {@code bh=} and {@code b=} in Base64 (RFC 6376 section 3.5) from the
     * JDK's encoder: jDKIM's own allocates 8 KB of buffers per value, a sixth of what a signed message
     * allocated.
     */
    private static final class Record extends SignatureRecordImpl {

        private static final Base64.Encoder BASE64 = Base64.getEncoder();

        Record(String record) {
            super(record);
        }

        @Override
        public void setBodyHash(byte[] hash) {
            setValue("bh", BASE64.encodeToString(hash));
        }

        @Override
        public void setSignature(byte[] signature) {
            setValue("b", BASE64.encodeToString(signature));
        }
    }

    /** SHA-256 from the native provider, or from the JDK's where that did not load. */
    static MessageDigest sha256(@Nullable Provider provider) throws GeneralSecurityException {
        return provider == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", provider);
    }

    private static Signature signature(@Nullable Provider provider, String algorithm) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
    }
}
