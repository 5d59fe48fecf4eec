package io.tidings.mail;

import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * A {@link Signature} that gathers what jDKIM feeds it into a buffer, for jDKIM hands its canonical header
 * data only to a {@code Signature}: what is done with the bytes is the subclass's. Signs only; verifying is
 * dkimpy's, in the tests.
 */
abstract class GatheringSignature extends Signature {

    /** What was fed since the last reset, field by field. */
    protected final HashBuffer data = new HashBuffer();

    GatheringSignature(String algorithm) {
        super(algorithm);
    }

    /** One that only gathers, ready to be fed ({@link Signature#update} needs a signature initialised). */
    static GatheringSignature gatherer() {
        GatheringSignature gatherer = new GatheringSignature("gathered") {
        };
        try {
            gatherer.initSign(null);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("gathering takes no key", e);
        }
        return gatherer;
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
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        throw new InvalidKeyException("signs only");
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

    /** Gathers anew; the key is the subclass's to use, if any. */
    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        data.reset();
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        throw new SignatureException("gathers only");
    }
}
