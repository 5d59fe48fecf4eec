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
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import static io.tidings.bounce.MessageParts.TEXT_MAX;
import static io.tidings.bounce.MessageParts.address;
import static io.tidings.bounce.MessageParts.header;
import static io.tidings.bounce.MessageParts.headersText;
import static io.tidings.bounce.MessageParts.lower;
import static io.tidings.bounce.MessageParts.param;
import static io.tidings.bounce.MessageParts.parts;
import static io.tidings.bounce.MessageParts.sender;
import static io.tidings.bounce.MessageParts.unfold;
import static io.tidings.bounce.MessageParts.verpToken;

/**
 * Reads one whole inbound email (RFC 5322 bytes) as what it is: a delivery status notification
 * (RFC 3464, read with Angus Mail's {@code dsn} package), a feedback report (ARF, RFC 5965), a
 * non-standard bounce (qmail, Exim, old Sendmail, Exchange, Gmail: {@link NonStandardBounces}), an auto-reply (RFC 3834,
 * vacation messages), or none of these. It never throws on what it cannot read: that is
 * {@link Reading#ignored}. A DSN's "delayed" recipients are ignored: the message is still being
 * tried, and the DSN that ends it, failed or delivered, comes later.
 */
@Singleton
public class InboundMessages {

    private static final Session SESSION = Session.getInstance(lenient());
    private static final Pattern AUTO_SUBJECT = Pattern.compile("^(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?re(?:ply|sponse)|"
            + "auto:|vacation|away from)", Pattern.CASE_INSENSITIVE);

    private final OurMarks ours;
    private final NonStandardBounces nonStandard;
    private final String from;
    private final Clock clock;

    InboundMessages(OurMarks ours, NonStandardBounces nonStandard, MailConfig mail, Clock clock) {
        this.ours = ours;
        this.nonStandard = nonStandard;
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
        if (NonStandardBounces.looksBounced(message)) {
            return nonStandard.read(message, source, at);
        }
        if (autoReply(message)) {
            return new Reading(List.of(new Report(BounceType.AUTO_REPLY, null, null, source, at,
                    new Clues(verpToken(ours, message, null), ours.firstMessageId(message.getHeader("In-Reply-To")), sender(message)))), null);
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
        String token = verpToken(ours, message, returned == null ? perMessage : perMessage + "\n" + header(returned, "Return-Path"));
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
        String token = verpToken(ours, message, header(fields, "Original-Mail-From")
                + (original == null ? "" : "\n" + header(original, "Return-Path")));
        return new Reading(List.of(new Report(BounceType.COMPLAINT, null, "feedback-type: abuse", source, at,
                new Clues(token, messageId, recipient))), null);
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

    private static Properties lenient() {
        Properties properties = new Properties();
        // Bounces come from every kind of mail software: read what they wrote, as a mail client would.
        properties.put("mail.mime.address.strict", "false");
        properties.put("mail.mime.parameters.strict", "false");
        return properties;
    }
}
