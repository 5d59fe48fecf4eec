package io.tidings.mail;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Bytes gathered to be hashed in one call into the provider's native code, without the copy
 * {@link #toByteArray()} makes: DKIM's canonical body, and its canonical header data.
 */
final class HashBuffer extends ByteArrayOutputStream {

    HashBuffer() {
        super(8192);
    }

    /** The digest of what was written since the last reset, leaving the digest ready for the next. */
    byte[] digest(MessageDigest digest) {
        digest.update(buf, 0, count);
        return digest.digest();
    }

    /** What was written since the last reset, fed to a signature. */
    void update(Signature signature) throws SignatureException {
        signature.update(buf, 0, count);
    }
}
