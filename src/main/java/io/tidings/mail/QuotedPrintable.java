package io.tidings.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 2045 quoted-printable for message bodies, written in one pass over the UTF-8 bytes. Jakarta
 * Mail's stream encoder makes several calls per byte; a digest is mostly encoding, so this matters.
 * Line breaks become CRLF; encoded lines stay within 76 characters; whitespace never ends a line.
 */
final class QuotedPrintable {

    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    // Printable ASCII but "=" stands for itself; space and tab too, except at the end of a line.
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            PLAIN[b] = b != '=';
        }
    }

    private QuotedPrintable() {
    }

    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        // Worst case: every byte escaped, plus a soft break per line of escapes.
        byte[] out = new byte[in.length * 3 + (in.length * 3 / (MAX_LINE - 3) + 1) * 3];
        int at = 0;
        int line = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (b == '\n' || (b == '\r' && i + 1 < in.length && in[i + 1] == '\n')) {
                if (b == '\r') {
                    i++;
                }
                out[at++] = '\r';
                out[at++] = '\n';
                line = 0;
                continue;
            }
            boolean literal = PLAIN[b] || ((b == ' ' || b == '\t') && !endsLine(in, i + 1));
            int width = literal ? 1 : 3;
            // Leave room for the "=" of a soft break.
            if (line + width > MAX_LINE - 1) {
                out[at++] = '=';
                out[at++] = '\r';
                out[at++] = '\n';
                line = 0;
            }
            if (literal) {
                out[at++] = (byte) b;
            } else {
                out[at++] = '=';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xF];
            }
            line += width;
        }
        return Arrays.copyOf(out, at);
    }

    /** Whether position {@code i} is the end of the text or of a line. */
    private static boolean endsLine(byte[] in, int i) {
        return i == in.length || in[i] == '\n' || (in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n');
    }
}
