package io.tidings.mail;

import org.apache.james.jdkim.DKIMCommon;

import java.security.Signature;
import java.security.SignatureException;
import java.util.List;

/**
 * The header data a DKIM signature covers (RFC 6376 section 3.7), one sending thread's: each signed field
 * in jDKIM's relaxed canonical form followed by CRLF, in the order of {@code h=}, as jDKIM's own signing
 * feeds them. jDKIM canonicalises each field with two regular expressions compiled per call, a fifth of a
 * signed digest's CPU under C1, and the relaxed form of a field is a function of its text alone: a field
 * the same as at the same place in this thread's last message (From, Subject, List-Id, MIME-Version, the
 * Date within a second: most of an edition's digests share them) keeps the form jDKIM gave it then. Only
 * the last message's fields are kept.
 */
final class CanonicalHeaders extends DKIMCommon {

    private static final byte[] CRLF = {'\r', '\n'};
    /** Where jDKIM writes one field's canonical form. */
    private final GatheringSignature field = GatheringSignature.gatherer();
    private final HashBuffer data = new HashBuffer();
    private String[] lastFields = new String[0];
    private byte[][] lastForms = new byte[0][];

    /**
     * The canonical header data of {@code fields}, each signed under the {@code h=} name at the same place
     * in {@code names}; this thread's buffer, valid until the next call.
     */
    HashBuffer of(List<String> names, List<String> fields) throws SignatureException {
        if (lastFields.length != fields.size()) {
            lastFields = new String[fields.size()];
            lastForms = new byte[fields.size()][];
        }
        data.reset();
        for (int i = 0; i < fields.size(); i++) {
            String text = fields.get(i);
            if (!text.equals(lastFields[i])) {
                field.data.reset();
                updateSignature(field, true, names.get(i), text);
                lastForms[i] = field.data.toByteArray();
                lastFields[i] = text;
            }
            data.write(lastForms[i], 0, lastForms[i].length);
            data.write(CRLF, 0, CRLF.length);
        }
        return data;
    }

    /**
     * The signature's own field, its record given with {@code b=} empty, which the signed data ends with
     * (no CRLF after it), canonicalised by jDKIM.
     */
    static void signatureField(Signature signature, String unsignedRecord) throws SignatureException {
        updateSignature(signature, true, "dkim-signature", "DKIM-Signature:" + unsignedRecord);
    }
}
