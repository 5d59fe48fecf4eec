package io.tidings.mail;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * Bytes gathered to be hashed in one call into the provider's native code, without the copy
 * {@link #toByteArray()} makes: DKIM's canonical body, and the header data of an ed25519-sha256 signature.
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
}
