package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;
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

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * A key read and checked: {@code a=}'s algorithm, the key as the signing provider's own (so no
 * signature converts it again), the TXT record that publishes its public half and words for the log.
 */
record DkimKey(String algorithm, PrivateKey key, String dnsRecord, String description) {

    private static final Logger LOG = LoggerFactory.getLogger(DkimKey.class);
    private static final int MINIMUM_BITS = 1024;
    private static final int ADVISED_BITS = 2048;

    boolean rsa() {
        return algorithm.equals("rsa-sha256");
    }

    /**
     * Reads an unencrypted key from PEM: RSA as PKCS#8 ({@code PRIVATE KEY}) or PKCS#1
     * ({@code RSA PRIVATE KEY}), Ed25519 as PKCS#8 ({@code openssl genpkey -algorithm ed25519}).
     */
    static DkimKey read(Path path, @Nullable Provider provider) {
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
            return new DkimKey("rsa-sha256", translated(rsa, provider), "v=DKIM1; k=rsa; p=" + publicKey(rsa),
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
            return new DkimKey("ed25519-sha256", key,
                    "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(publicKey), "an Ed25519 key");
        }
        throw new IllegalStateException(where + ": holds an " + key.getAlgorithm() + " key; Tidings signs with RSA"
                + " (rsa-sha256, which every receiver verifies: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)"
                + " or Ed25519 (ed25519-sha256: openssl genpkey -algorithm ed25519)");
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
