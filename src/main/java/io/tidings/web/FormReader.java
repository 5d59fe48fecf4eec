package io.tidings.web;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import jakarta.inject.Singleton;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link Form} parameter from an urlencoded or multipart body, refusing what a browser never
 * sends: a bad percent escape, bytes that are not UTF-8, a multipart body cut short. Micronaut's own
 * form binding (Netty's decoder) answers a bad escape with a 500 and turns bad UTF-8 into U+FFFD.
 */
@Singleton
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
class FormReader implements MessageBodyReader<Form> {

    /** Far more than any page's form has; Micronaut's own limit is the same. */
    private static final int MAX_FIELDS = 128;

    @Override
    public Form read(Argument<Form> type, MediaType mediaType, Headers headers, InputStream body) {
        byte[] bytes = StrictText.readAll(body);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (mediaType != null && mediaType.matches(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            readMultipart(bytes, headers.get(HttpHeaders.CONTENT_TYPE), fields);
        } else {
            readUrlencoded(bytes, fields);
        }
        if (fields.values().stream().mapToInt(List::size).sum() > MAX_FIELDS) {
            throw new MalformedRequestException("The form has more than " + MAX_FIELDS + " fields.");
        }
        return new Form(fields);
    }

    private static void readUrlencoded(byte[] body, Map<String, List<String>> fields) {
        for (int start = 0; start < body.length; ) {
            int end = indexOf(body, '&', start, body.length);
            if (end > start) {
                int equals = indexOf(body, '=', start, end);
                String name = unescape(body, start, equals);
                add(fields, name, equals < end ? unescape(body, equals + 1, end) : "");
            }
            start = end + 1;
        }
    }

    private static String unescape(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '%') {
                if (i + 2 >= to || !HexFormat.isHexDigit(body[i + 1]) || !HexFormat.isHexDigit(body[i + 2])) {
                    throw new MalformedRequestException("The form has a broken percent escape: "
                            + "a % must be followed by two hexadecimal digits.");
                }
                bytes.write(HexFormat.fromHexDigits(new String(body, i + 1, 2, StandardCharsets.US_ASCII)));
                i += 2;
            } else {
                bytes.write(b == '+' ? ' ' : b);
            }
        }
        return StrictText.decode(bytes.toByteArray(), StandardCharsets.UTF_8, "A form field");
    }

    private static void readMultipart(byte[] body, String contentType, Map<String, List<String>> fields) {
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            int count = multipart.getCount();
            if (!multipart.isComplete()) {
                throw new MalformedRequestException("The multipart form ends before its closing boundary.");
            }
            for (int i = 0; i < count; i++) {
                BodyPart part = multipart.getBodyPart(i);
                String[] disposition = part.getHeader("Content-Disposition");
                String name = disposition == null || disposition.length != 1 ? null
                        : new ContentDisposition(disposition[0]).getParameter("name");
                if (name == null) {
                    throw new MalformedRequestException("A part of the multipart form has no field name.");
                }
                try (InputStream value = part.getInputStream()) {
                    add(fields, name, StrictText.decode(value.readAllBytes(), StandardCharsets.UTF_8, "A form field"));
                }
            }
        } catch (MessagingException | IOException e) {
            throw new MalformedRequestException("The multipart form could not be read.", e);
        }
    }

    private static void add(Map<String, List<String>> fields, String name, String value) {
        fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    private static int indexOf(byte[] bytes, char wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }
}
