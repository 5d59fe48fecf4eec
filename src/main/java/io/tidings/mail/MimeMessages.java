package io.tidings.mail;

import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import org.apache.james.mime4j.codec.EncoderUtil;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the RFC 5322 message for an {@link Email}: multipart/alternative, text first, then HTML,
 * each quoted-printable, every line ending in CRLF. Jakarta Mail encodes and folds the headers
 * (RFC 2047 words for names and subjects, with mime4j where a value must be encoded though it is
 * ASCII); the message around them is written here, since it has
 * one shape: building it as a Jakarta {@code MimeMessage} and writing that out cost a quarter of the
 * service's CPU per message in the delivery benchmark. Where DKIM is on, {@link DkimSigning} signs the
 * header fields and body written here, and its DKIM-Signature field goes first.
 */
@Singleton
public class MimeMessages {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final String CRLF = "\r\n";

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader each time it encodes a word
        // (jakartaee/mail-api#861), as for a reader's name outside ASCII: a classpath scan per message.
        // Named here, the lookup is a plain class load.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private final String from;
    private final Clock clock;
    private final DkimSigning dkim;
    /**
     * The last Date header and Subject written, reused while they stay the same: formatting a date
     * takes a lock, and an edition's subject is encoded once, not per reader.
     */
    private volatile Formatted date = new Formatted("", "");
    private volatile Formatted subject = new Formatted("", "");

    private record Formatted(String value, String header) {
    }

    MimeMessages(MailConfig config, Clock clock, DkimSigning dkim) throws UnsupportedEncodingException {
        this.from = MimeUtility.fold(6, new InternetAddress(config.from(), config.fromName(), UTF_8).toString());
        this.clock = clock;
        this.dkim = dkim;
    }

    /** The message as it goes on the wire; refuses a header value that would break its line. */
    public byte[] render(Email email) throws MessagingException {
        // "=_" cannot occur in quoted-printable text, so no body line can be taken for the boundary.
        String boundary = "=_tidings_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        List<String> fields = new ArrayList<>(12 + email.headers().size());
        fields.add(field("Date", date(clock.instant())));
        fields.add(field("From", from));
        fields.add(field("To", MimeUtility.fold(4, recipient(email))));
        fields.add(field("Message-ID", singleLine("Message-ID", email.messageId())));
        fields.add(field("Subject", subject(singleLine("Subject", email.subject()))));
        for (Map.Entry<String, String> extra : email.headers().entrySet()) {
            String name = extra.getKey();
            fields.add(field(name, MimeUtility.fold(name.length() + 2, ascii(singleLine(name, extra.getValue())))));
        }
        fields.add(field("MIME-Version", "1.0"));
        fields.add(field("Content-Type", "multipart/alternative;" + CRLF + "\tboundary=\"" + boundary + "\""));
        byte[] text = email.text().quotedPrintable();
        byte[] html = email.html().quotedPrintable();
        byte[] textHead = partHead(boundary, "text/plain");
        byte[] htmlHead = partHead(boundary, "text/html");
        byte[] end = (CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII);
        byte[] between = CRLF.getBytes(StandardCharsets.US_ASCII);
        StringBuilder head = new StringBuilder(1536);
        if (dkim.on()) {
            // Over the final bytes, once per message: nothing below changes them.
            head.append(dkim.signature(fields, textHead, text, between, htmlHead, html, end));
        }
        for (String field : fields) {
            head.append(field).append(CRLF);
        }
        head.append(CRLF);
        // Written once into an array of its final size: a digest is copied as little as it can be.
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), textHead, text, between, htmlHead, html, end);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** One header field as written, folded, without its final CRLF. */
    private static String field(String name, String value) {
        return name + ": " + value;
    }

    private static byte[] partHead(String boundary, String type) {
        return ("--" + boundary + CRLF
                + "Content-Type: " + type + "; charset=UTF-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A header value as RFC 2047 words where it holds more than ASCII (a site's name in List-Id): a
     * {@code phrase <id>} value keeps its angle part as it is, anything else is encoded whole.
     */
    private static String ascii(String value) throws MessagingException {
        if (value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        int angle = value.lastIndexOf(" <");
        if (angle > 0 && value.endsWith(">") && value.substring(angle).chars().allMatch(c -> c < 0x80)) {
            return words(value.substring(0, angle)) + value.substring(angle);
        }
        return words(value);
    }

    /**
     * A Subject or a display name as RFC 2047 words where it holds more than ASCII. One that spells out
     * an encoded word itself ("=?…?=", as an article's title may) is encoded whole as well: mail programs
     * would decode it, line breaks and all, where encoded it can only show as the text it is.
     */
    private static String phrase(String text, EncoderUtil.Usage usage) throws MessagingException {
        return text.contains("=?") ? EncoderUtil.encodeEncodedWord(text, usage, 0, StandardCharsets.UTF_8, null) : words(text);
    }

    /** RFC 2047 encoded words for text outside ASCII; ASCII text as it is. */
    private static String words(String text) throws MessagingException {
        try {
            return MimeUtility.encodeText(text, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }

    private String subject(String text) throws MessagingException {
        Formatted last = subject;
        if (!last.value().equals(text)) {
            last = new Formatted(text, MimeUtility.fold(9, phrase(text, EncoderUtil.Usage.TEXT_TOKEN)));
            subject = last;
        }
        return last.header();
    }

    private String date(Instant now) {
        String second = Long.toString(now.getEpochSecond());
        Formatted last = date;
        if (!last.value().equals(second)) {
            last = new Formatted(second, new MailDateFormat().format(Date.from(now)));
            date = last;
        }
        return last.header();
    }

    private static String recipient(Email email) throws MessagingException {
        try {
            String name = email.recipientName() == null ? null : singleLine("To", email.recipientName());
            InternetAddress address = new InternetAddress(email.recipient(), name, UTF_8);
            address.validate();
            return name == null || !name.contains("=?") ? address.toString()
                    : phrase(name, EncoderUtil.Usage.WORD_ENTITY) + " <" + address.getAddress() + ">";
        } catch (UnsupportedEncodingException e) {
            throw new AddressException("UTF-8 is always supported: " + e.getMessage());
        }
    }

    /** Header values come from templates and readers: a line break in one would forge headers. */
    private static String singleLine(String header, String value) throws MessagingException {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new MessagingException(header + " must be a single line");
        }
        return value;
    }
}
