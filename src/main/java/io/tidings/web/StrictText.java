package io.tidings.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Pattern;

/**
 * Bytes to text that refuses what is not text in the charset: a decoder left at its defaults (as
 * {@code new String(bytes, UTF_8)} is) turns bad bytes into U+FFFD, and the damaged value is then stored.
 */
final class StrictText {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

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

    /**
     * The text, or a refusal that names the line of the first bytes that are not text in the charset,
     * counted in the text decoded before them (so a quoted line break in a CSV field counts too).
     */
    static String decode(byte[] bytes, Charset charset, String what) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer text = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        text.flip();
        if (result.isError()) {
            int line = LINE_BREAK.split(text, -1).length;
            throw new MalformedRequestException(what + " is not " + charset.name() + " text at line " + line
                    + ": send UTF-8, or name the charset in the Content-Type, such as text/csv; charset=ISO-8859-1.");
        }
        return text.toString();
    }
}
