package io.tidings.mail;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * ed25519-sha256 as RFC 8463 section 3 defines it: PureEdDSA (Ed25519) over the SHA-256 hash of what
 * jDKIM feeds it, the canonical header fields and the unsigned DKIM-Signature field. What is fed is
 * gathered and hashed at once when signing: one call into native code, not dozens.
 */
final class Ed25519Sha256 extends GatheringSignature {

    private final MessageDigest sha256;
    private final Signature ed25519;

    Ed25519Sha256(MessageDigest sha256, Signature ed25519) {
        super("ed25519-sha256");
        this.sha256 = sha256;
        this.ed25519 = ed25519;
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        ed25519.initSign(key);
        super.engineInitSign(key);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        byte[] hash = data.digest(sha256);
        data.reset();
        ed25519.update(hash);
        return ed25519.sign();
    }
}
