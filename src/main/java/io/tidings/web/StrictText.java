package io.tidings.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Bytes to text that refuses what is not text in the charset: a decoder left at its defaults (as
 * {@code new String(bytes, UTF_8)} is) turns bad bytes into U+FFFD, and the damaged value is then stored.
 */
final class StrictText {

    private StrictText() {
    }

    /** A request body's bytes, all of them (the server limits the size). */
    static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new MalformedRequestException("The request body could not be read.", e);
        }
    }

    static String decode(byte[] bytes, Charset charset, String what) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException(what + " is not valid " + charset.name() + " text.", e);
        }
    }
}
