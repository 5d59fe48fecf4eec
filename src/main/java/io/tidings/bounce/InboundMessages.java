package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.tidings.mail.BounceClassifier;
import io.tidings.mail.BounceType;
import io.tidings.mail.Diagnosis;
import io.tidings.mail.MailConfig;
import jakarta.inject.Singleton;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one whole inbound email (RFC 5322 bytes) as what it is: a delivery status notification
 * (RFC 3464, read with Angus Mail's {@code dsn} package), a feedback report (ARF, RFC 5965), a
 * non-standard bounce (qmail, Exim, old Sendmail, Exchange, Gmail), an auto-reply (RFC 3834,
 * vacation messages), or none of these. It never throws on what it cannot read: that is
 * {@link Reading#ignored}. A DSN's "delayed" recipients are ignored: the message is still being
 * tried, and the DSN that ends it, failed or delivered, comes later.
 */
@Singleton
public class InboundMessages {

    /** At most this many of a report's own text is searched, and as many addresses in it tried. */
    private static final int TEXT_MAX = 64 * 1024;
    private static final Session SESSION = Session.getInstance(lenient());
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|delivery status notification \\(failure|"
            + "delivery (?:has )?failed|delivery failure|failure notice|returned mail|mail delivery (?:failed|failure|system)|"
            + "non-?delivery|could not be delivered|not delivered|delivery problem|permanent error", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_SUBJECT = Pattern.compile("^(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?re(?:ply|sponse)|"
            + "auto:|vacation|away from)", Pattern.CASE_INSENSITIVE);
    /** Where a non-standard bounce's own words end and its copy of the message begins. */
    private static final Pattern RETURNED_COPY = Pattern.compile("(?im)^.{0,20}(?:this is a copy of the message|below this line is a copy"
            + "|original message follows|unsent message below|returned message|original message headers"
            + "|message headers follow|----- ?original message ?-----|content-type: message/rfc822)");
    private static final Pattern SMTP_WORDS = Pattern.compile("(?m)^.*(?:\\b[245]\\d\\d[ -]|\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b|"
            + "unrouteable|unroutable|user unknown|no such|does not exist|mailbox|quota|rejected|refused).*$", Pattern.CASE_INSENSITIVE);

    private final OurMarks ours;
    private final String from;
    private final Clock clock;

    InboundMessages(OurMarks ours, MailConfig mail, Clock clock) {
        this.ours = ours;
        this.from = mail.from();
        this.clock = clock;
    }

    /**
     * What one email says: reports (one per failed recipient) or why it was ignored.
     *
     * @param reports empty exactly when {@code ignored} says why
     */
    public record Reading(List<Report> reports, @Nullable String ignored) {

        public Reading {
            reports = List.copyOf(reports);
        }

        static Reading of(List<Report> reports, String otherwise) {
            return reports.isEmpty() ? ignored(otherwise) : new Reading(reports, null);
        }

        static Reading ignored(String why) {
            return new Reading(List.of(), why);
        }
    }

    /** Reads one email; an {@link IOException} only where {@code message} itself fails to be read. */
    public Reading read(InputStream message, Source source) throws IOException {
        MimeMessage parsed;
        try {
            parsed = new MimeMessage(SESSION, message);
        } catch (MessagingException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            return Reading.ignored("not readable as an email: " + e.getMessage());
        }
        try {
            return read(parsed, source, clock.instant());
        } catch (MessagingException | IOException | RuntimeException e) {
            // Malformed MIME or headers anywhere in it: the email says nothing we can believe.
            return Reading.ignored("not readable as a bounce: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private Reading read(MimeMessage message, Source source, Instant at) throws MessagingException, IOException {
        if (message.isMimeType("multipart/report")) {
            String reportType = param(message.getContentType(), "report-type");
            if ("delivery-status".equals(reportType)) {
                Reading dsn = deliveryStatus(message, source, at);
                if (dsn != null) {
                    return dsn;
                }
            } else if ("feedback-report".equals(reportType)) {
                return feedbackReport(message, source, at);
            }
        }
        if (looksBounced(message)) {
            return nonStandardBounce(message, source, at);
        }
        if (autoReply(message)) {
            return new Reading(List.of(new Report(BounceType.AUTO_REPLY, null, null, source, at,
                    new Clues(verpToken(message, null), ours.firstMessageId(message.getHeader("In-Reply-To")), sender(message)))), null);
        }
        return Reading.ignored("not a bounce, complaint or auto-reply");
    }

    /** An RFC 3464 DSN: one report per failed recipient; null where its report part is unreadable. */
    @Nullable
    private Reading deliveryStatus(MimeMessage message, Source source, Instant at) throws MessagingException, IOException {
        if (!(message.getContent() instanceof MultipartReport report) || !(report.getReport() instanceof DeliveryStatus status)) {
            return null;
        }
        MimeMessage returned = returnedMessage(report);
        String messageId = returned == null ? null : ours.firstMessageId(returned.getHeader("Message-ID"));
        String perMessage = headersText(status.getMessageDSN());
        String token = verpToken(message, returned == null ? perMessage : perMessage + "\n" + header(returned, "Return-Path"));
        List<Report> reports = new ArrayList<>();
        boolean delayed = false;
        for (int i = 0; i < status.getRecipientDSNCount(); i++) {
            InternetHeaders recipient = status.getRecipientDSN(i);
            String action = lower(recipient.getHeader("Action", null));
            if (action.startsWith("delayed")) {
                delayed = true;
            }
            if (!action.startsWith("failed")) {
                continue;
            }
            String code = recipient.getHeader("Status", null);
            String address = address(recipient.getHeader("Final-Recipient", null));
            if (address == null) {
                address = address(recipient.getHeader("Original-Recipient", null));
            }
            String diagnostic = recipient.getHeader("Diagnostic-Code", null);
            if (diagnostic == null) {
                diagnostic = explained(text(report), address);
            }
            Diagnosis diagnosis = BounceClassifier.report(code, diagnostic, true, from);
            reports.add(new Report(diagnosis.type(), diagnosis.status() == null ? code : diagnosis.status(),
                    unfold(diagnostic), source, at, new Clues(token, messageId, address)));
        }
        return Reading.of(reports, delayed ? "a delay notice: the message is still being tried"
                : "a delivery report without a failed recipient");
    }

    /**
     * Where a failed recipient has no {@code Diagnostic-Code}, what the DSN's human-readable part says of
     * it: the lines indented under the line naming the address. Exim writes its own failures so, with a
     * bare {@code Status: 5.0.0}: "{@code stray@example.org}" and, below it, "{@code Unrouteable address}".
     */
    @Nullable
    private static String explained(@Nullable String text, @Nullable String address) {
        if (text == null || address == null) {
            return null;
        }
        String[] lines = (text.length() > TEXT_MAX ? text.substring(0, TEXT_MAX) : text).split("\\r?\\n");
        // The address whole: ann@example.org is not in joann@example.org.
        Pattern wanted = Pattern.compile("(?<![\\w.+-])" + Pattern.quote(address) + "(?![\\w-]|\\.\\w)", Pattern.CASE_INSENSITIVE);
        for (int i = 0; i < lines.length; i++) {
            if (wanted.matcher(lines[i]).find()) {
                int indent = indent(lines[i]);
                StringBuilder said = new StringBuilder();
                for (int j = i + 1; j < lines.length && !lines[j].isBlank() && indent(lines[j]) > indent; j++) {
                    said.append(lines[j].strip()).append(' ');
                }
                return said.isEmpty() ? null : said.toString().strip();
            }
        }
        return null;
    }

    /** The DSN's human-readable part, or null where it has none that can be read: the report part still counts. */
    @Nullable
    private static String text(MultipartReport report) {
        try {
            return report.getText();
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    private static int indent(String line) {
        int spaces = 0;
        while (spaces < line.length() && Character.isWhitespace(line.charAt(spaces))) {
            spaces++;
        }
        return spaces;
    }

    /** An RFC 5965 feedback report: "abuse" is the reader's complaint; other kinds change nothing. */
    private Reading feedbackReport(MimeMessage message, Source source, Instant at) throws MessagingException, IOException {
        Multipart parts = parts(message);
        InternetHeaders fields = null;
        InternetHeaders original = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/feedback-report")) {
                try (InputStream in = part.getInputStream()) {
                    fields = new InternetHeaders(in);
                }
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                try (InputStream in = part.getInputStream()) {
                    original = new InternetHeaders(in);
                }
            }
        }
        if (fields == null) {
            return Reading.ignored("a feedback report without its message/feedback-report part");
        }
        String kind = lower(fields.getHeader("Feedback-Type", null));
        if (!kind.equals("abuse")) {
            return Reading.ignored("a feedback report of type '" + kind + "', not a complaint");
        }
        String recipient = address(fields.getHeader("Original-Rcpt-To", null));
        if (recipient == null && original != null) {
            recipient = address(original.getHeader("To", ","));
        }
        String messageId = original == null ? null : ours.firstMessageId(original.getHeader("Message-ID"));
        String token = verpToken(message, header(fields, "Original-Mail-From")
                + (original == null ? "" : "\n" + header(original, "Return-Path")));
        return new Reading(List.of(new Report(BounceType.COMPLAINT, null, "feedback-type: abuse", source, at,
                new Clues(token, messageId, recipient))), null);
    }

    /**
     * A bounce that is not a DSN: its own words are classified, and what it is about found by the
     * VERP token, our Message-ID in its copy of the message, or the addresses its words name.
     */
    private Reading nonStandardBounce(MimeMessage message, Source source, Instant at) throws MessagingException, IOException {
        StringBuilder all = new StringBuilder();
        MimeMessage attached = collectText(message, all);
        String text = all.length() > TEXT_MAX ? all.substring(0, TEXT_MAX) : all.toString();
        Matcher copy = RETURNED_COPY.matcher(text);
        String words = copy.find() ? text.substring(0, copy.start()) : text;
        String returned = copy.find(0) ? text.substring(copy.start()) : "";
        String messageId = attached != null ? ours.firstMessageId(attached.getHeader("Message-ID")) : null;
        if (messageId == null) {
            messageId = ours.messageIdIn(returned.isEmpty() ? text : returned);
        }
        String token = verpToken(message, returned + (attached == null ? "" : "\n" + header(attached, "Return-Path")));
        String diagnostic = diagnostic(words);
        Diagnosis diagnosis = BounceClassifier.report(null, diagnostic, true, from);
        List<String> candidates = ours.addressesIn(words);
        List<Report> reports = new ArrayList<>();
        if (token != null || messageId != null) {
            reports.add(report(diagnosis, diagnostic, source, at, new Clues(token, messageId,
                    candidates.isEmpty() ? null : candidates.get(0))));
        } else {
            for (String candidate : candidates) {
                reports.add(report(diagnosis, diagnostic, source, at, new Clues(null, null, candidate)));
            }
        }
        return Reading.of(reports, "a bounce that names no message or address");
    }

    private static Report report(Diagnosis diagnosis, String diagnostic, Source source, Instant at, Clues clues) {
        return new Report(diagnosis.type(), diagnosis.status(), diagnostic, source, at, clues);
    }

    /** Lines of a bounce's words that carry an SMTP reply or say what went wrong; else its first lines. */
    private static String diagnostic(String words) {
        StringBuilder found = new StringBuilder();
        Matcher line = SMTP_WORDS.matcher(words);
        while (line.find() && found.length() < 900) {
            found.append(line.group().strip()).append(' ');
        }
        String text = found.isEmpty() ? words.strip() : found.toString().strip();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }


    /** The text of every text part, and the first attached message, if any. */
    private static MimeMessage collectText(Part part, StringBuilder text) throws MessagingException, IOException {
        if (text.length() > TEXT_MAX) {
            return null;
        }
        if (part.isMimeType("text/*")) {
            Object content = part.getContent();
            text.append(content instanceof String s ? s : new String(part.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .append('\n');
            return null;
        }
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage attached) {
            text.append("Content-Type: message/rfc822\n");
            java.util.Enumeration<String> lines = attached.getAllHeaderLines();
            while (lines.hasMoreElements()) {
                text.append(lines.nextElement()).append('\n');
            }
            return attached;
        }
        MimeMessage attached = null;
        if (part.isMimeType("multipart/*")) {
            Multipart parts = parts(part);
            for (int i = 0; i < parts.getCount(); i++) {
                MimeMessage inner = collectText(parts.getBodyPart(i), text);
                attached = attached == null ? inner : attached;
            }
        }
        return attached;
    }

    /**
     * The parts of a multipart, read as plain MIME: the content handler Angus registers for every
     * multipart/report expects a delivery status and throws on a feedback report.
     */
    private static Multipart parts(Part part) throws MessagingException {
        return new MimeMultipart(part.getDataHandler().getDataSource());
    }

    private static boolean looksBounced(MimeMessage message) throws MessagingException {
        String sender = sender(message);
        String fromHeader = lower(header(message, "From"));
        String subject = message.getSubject() == null ? "" : message.getSubject();
        boolean daemon = sender != null && OurMarks.DAEMON.matcher(sender).find() || OurMarks.DAEMON.matcher(fromHeader.replaceAll("^\"", "")).find();
        boolean nullSender = header(message, "Return-Path").replaceAll("\\s", "").equals("<>");
        return BOUNCE_SUBJECT.matcher(subject).find() && (daemon || nullSender || subject.toLowerCase(Locale.ROOT).contains("undeliver"))
                || daemon && subject.toLowerCase(Locale.ROOT).matches(".*(fail|return|deliver|error|undeliver).*");
    }

    /** RFC 3834's markers, and what vacation programs without them send. */
    private static boolean autoReply(MimeMessage message) throws MessagingException {
        String autoSubmitted = lower(header(message, "Auto-Submitted"));
        String precedence = lower(header(message, "Precedence"));
        String subject = message.getSubject() == null ? "" : message.getSubject().strip();
        return !autoSubmitted.isEmpty() && !autoSubmitted.equals("no")
                || message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null
                || precedence.equals("auto_reply") || AUTO_SUBJECT.matcher(subject).find();
    }

    @Nullable
    private static MimeMessage returnedMessage(MultipartReport report) {
        try {
            return report.getReturnedMessage();
        } catch (MessagingException e) {
            return null;
        }
    }




    /** The address in an RFC 3464 recipient field ({@code rfc822; reader@example.org}) or an address header. */
    @Nullable
    private static String address(@Nullable String field) {
        if (field == null) {
            return null;
        }
        String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        Matcher address = OurMarks.ADDRESS.matcher(value);
        return address.find() ? address.group() : null;
    }

    /** The VERP token of the address this came back to, else one in {@code more} (the returned message's Return-Path). */
    @Nullable
    private String verpToken(MimeMessage message, @Nullable String more) throws MessagingException {
        return ours.token(header(message, "Delivered-To"), header(message, "X-Original-To"), header(message, "To"),
                header(message, "Envelope-To"), header(message, "X-Envelope-To"), more);
    }

    @Nullable
    private static String sender(MimeMessage message) throws MessagingException {
        return address(header(message, "From"));
    }

    private static String header(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null ? "" : String.join("\n", values);
    }

    private static String header(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, "\n");
        return value == null ? "" : value;
    }

    private static String headersText(InternetHeaders headers) {
        StringBuilder text = new StringBuilder();
        java.util.Enumeration<String> lines = headers.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            text.append(lines.nextElement()).append('\n');
        }
        return text.toString();
    }

    private static String param(String contentType, String name) {
        try {
            String value = new ContentType(contentType).getParameter(name);
            return value == null ? "" : value.toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "";
        }
    }

    private static String lower(@Nullable String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    @Nullable
    private static String unfold(@Nullable String value) {
        return value == null ? null : value.replaceAll("\\s*\\r?\\n\\s*", " ").strip();
    }

    private static Properties lenient() {
        Properties properties = new Properties();
        // Bounces come from every kind of mail software: read what they wrote, as a mail client would.
        properties.put("mail.mime.address.strict", "false");
        properties.put("mail.mime.parameters.strict", "false");
        return properties;
    }
}
