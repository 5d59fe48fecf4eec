package io.tidings.mail;

import java.util.Arrays;
import java.util.List;

/**
 * A body rendered once for many messages, with holes for each reader's values (a name, their links).
 * Its fixed parts are encoded quoted-printable here, once; a reader's body is those bytes with only
 * the reader's values encoded between them. Encoding whole digests per reader had taken a sixth of
 * a delivery worker's CPU.
 *
 * <p>Each part is encoded as if it stood alone and joined to the next by a soft line break where the
 * two would otherwise make a line longer than RFC 2045's 76 characters; a soft break decodes to
 * nothing, so the body reads exactly as the fixed parts and values put together.
 */
public final class BodyTemplate {

    private static final byte[] SOFT_BREAK = {'=', '\r', '\n'};
    private static final int MAX_LINE = 76;
    private final List<String> fixed;
    private final byte[][] encoded;

    /** {@code fixed} holds the text before the first hole, between each two, and after the last. */
    public BodyTemplate(List<String> fixed) {
        if (fixed.isEmpty()) {
            throw new IllegalArgumentException("a body has at least one fixed part, if empty");
        }
        this.fixed = List.copyOf(fixed);
        this.encoded = this.fixed.stream().map(QuotedPrintable::encode).toArray(byte[][]::new);
    }

    /** How many values a body takes: one per hole. */
    public int holes() {
        return fixed.size() - 1;
    }

    /** The body with {@code values} in its holes, in order. */
    public Body fill(List<String> values) {
        if (values.size() != holes()) {
            throw new IllegalArgumentException("the body has " + holes() + " holes, given " + values.size() + " values");
        }
        return new Filled(this, List.copyOf(values));
    }

    private record Filled(BodyTemplate template, List<String> values) implements Body {

        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                out.append(template.fixed.get(i)).append(values.get(i));
            }
            return out.append(template.fixed.get(values.size())).toString();
        }

        @Override
        public byte[] quotedPrintable() {
            if (template.splitsLineBreak(values)) {
                return QuotedPrintable.encode(text());
            }
            byte[][] parts = new byte[values.size() * 2 + 1][];
            int size = 0;
            for (int i = 0; i < values.size(); i++) {
                parts[2 * i] = template.encoded[i];
                parts[2 * i + 1] = QuotedPrintable.encode(values.get(i));
                size += parts[2 * i].length + parts[2 * i + 1].length;
            }
            parts[parts.length - 1] = template.encoded[values.size()];
            size += parts[parts.length - 1].length + parts.length * SOFT_BREAK.length;
            byte[] out = new byte[size];
            int at = 0;
            int line = 0;
            for (byte[] part : parts) {
                if (part.length == 0) {
                    continue;
                }
                int first = firstLine(part);
                // A line kept below 76 has room for the "=" of a soft break after the next part.
                if (line > 0 && line + first > MAX_LINE - 1) {
                    System.arraycopy(SOFT_BREAK, 0, out, at, SOFT_BREAK.length);
                    at += SOFT_BREAK.length;
                    line = 0;
                }
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
                int lastBreak = lastLineStart(part);
                line = lastBreak < 0 ? line + part.length : part.length - lastBreak;
            }
            return Arrays.copyOf(out, at);
        }
    }

    /**
     * Whether a CR ends one part and an LF starts the next: together they are one line break, which
     * the parts encoded apart would not make.
     */
    private boolean splitsLineBreak(List<String> values) {
        char last = 0;
        for (int i = 0; i <= values.size(); i++) {
            for (String piece : i < values.size() ? List.of(fixed.get(i), values.get(i)) : List.of(fixed.get(i))) {
                if (!piece.isEmpty()) {
                    if (last == '\r' && piece.charAt(0) == '\n') {
                        return true;
                    }
                    last = piece.charAt(piece.length() - 1);
                }
            }
        }
        return false;
    }

    /** The width of an encoded part's first line, a soft break's "=" included. */
    private static int firstLine(byte[] part) {
        for (int i = 0; i < part.length; i++) {
            if (part[i] == '\r') {
                return i;
            }
        }
        return part.length;
    }

    /** Where the last line of an encoded part starts, or -1 if the part is one line. */
    private static int lastLineStart(byte[] part) {
        for (int i = part.length - 1; i > 0; i--) {
            if (part[i] == '\n' && part[i - 1] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }
}
