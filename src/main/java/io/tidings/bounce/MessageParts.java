package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;

import java.util.Locale;
import java.util.regex.Matcher;

/** Reading the header fields and parts of an inbound email, as every kind of report needs them. */
final class MessageParts {

    /** At most this many of a report's own text is searched, and as many addresses in it tried. */
    static final int TEXT_MAX = 64 * 1024;

    private MessageParts() {
    }

    /**
     * The parts of a multipart, read as plain MIME: the content handler Angus registers for every
     * multipart/report expects a delivery status and throws on a feedback report.
     */
    static Multipart parts(Part part) throws MessagingException {
        return new MimeMultipart(part.getDataHandler().getDataSource());
    }

    /** The address in an RFC 3464 recipient field ({@code rfc822; reader@example.org}) or an address header. */
    @Nullable
    static String address(@Nullable String field) {
        if (field == null) {
            return null;
        }
        String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        Matcher address = OurMarks.ADDRESS.matcher(value);
        return address.find() ? address.group() : null;
    }

    /** The VERP token of the address this came back to, else one in {@code more} (the returned message's Return-Path). */
    @Nullable
    static String verpToken(OurMarks ours, MimeMessage message, @Nullable String more) throws MessagingException {
        return ours.token(header(message, "Delivered-To"), header(message, "X-Original-To"), header(message, "To"),
                header(message, "Envelope-To"), header(message, "X-Envelope-To"), more);
    }

    @Nullable
    static String sender(MimeMessage message) throws MessagingException {
        return address(header(message, "From"));
    }

    static String header(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null ? "" : String.join("\n", values);
    }

    static String header(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, "\n");
        return value == null ? "" : value;
    }

    static String headersText(InternetHeaders headers) {
        StringBuilder text = new StringBuilder();
        java.util.Enumeration<String> lines = headers.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            text.append(lines.nextElement()).append('\n');
        }
        return text.toString();
    }

    static String param(String contentType, String name) {
        try {
            String value = new ContentType(contentType).getParameter(name);
            return value == null ? "" : value.toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "";
        }
    }

    static String lower(@Nullable String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    @Nullable
    static String unfold(@Nullable String value) {
        return value == null ? null : value.replaceAll("\\s*\\r?\\n\\s*", " ").strip();
    }
}
