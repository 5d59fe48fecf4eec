package io.tidings.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply from the relay (RFC 5321 section 4.2): a three-digit code and its lines, the last of
 * which has a space after the code and the others a hyphen.
 */
record SmtpReply(int code, List<String> lines) {

    /** Longer than any reply line the RFC allows (512 octets), short enough that a garbled peer cannot exhaust memory. */
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 100;

    boolean positive() {
        return code >= 200 && code < 400;
    }

    boolean permanent() {
        return code >= 500;
    }

    /** The reply as the relay wrote it, lines joined by a space: what is recorded and logged. */
    String text() {
        return String.join(" ", lines);
    }

    /** The keywords an EHLO reply advertises, upper-cased, one per line after the greeting line. */
    List<String> extensions() {
        return lines.subList(1, lines.size()).stream().map(line -> line.substring(4).toUpperCase()).toList();
    }

    static SmtpReply read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>(1);
        while (true) {
            String line = line(in);
            if (line.length() < 3 || !isDigit(line.charAt(0)) || !isDigit(line.charAt(1)) || !isDigit(line.charAt(2))
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new IOException("not an SMTP reply: " + abbreviated(line));
            }
            lines.add(line.length() == 3 ? line + " " : line);
            boolean last = line.length() == 3 || line.charAt(3) == ' ';
            if (last) {
                int code = Integer.parseInt(line, 0, 3, 10);
                if (lines.stream().anyMatch(l -> Integer.parseInt(l, 0, 3, 10) != code)) {
                    throw new IOException("reply lines disagree on the code: " + abbreviated(String.join(" ", lines)));
                }
                return new SmtpReply(code, lines);
            }
            if (lines.size() == MAX_LINES) {
                throw new IOException("reply of more than " + MAX_LINES + " lines");
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the relay closed the connection" + (line.isEmpty() ? "" : " mid-reply"));
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("reply line of more than " + MAX_LINE + " characters");
            }
            line.append((char) c);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
