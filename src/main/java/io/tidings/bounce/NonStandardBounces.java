package io.tidings.bounce;

import io.tidings.bounce.InboundMessages.Reading;
import io.tidings.mail.BounceClassifier;
import io.tidings.mail.Diagnosis;
import io.tidings.mail.MailConfig;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tidings.bounce.MessageParts.TEXT_MAX;
import static io.tidings.bounce.MessageParts.header;
import static io.tidings.bounce.MessageParts.lower;
import static io.tidings.bounce.MessageParts.parts;
import static io.tidings.bounce.MessageParts.sender;
import static io.tidings.bounce.MessageParts.verpToken;

/**
 * Bounces that are not RFC 3464 DSNs (qmail, Exim's text part, old Sendmail, Exchange, Gmail): told
 * apart from other mail by their subject and sender, and read by their own words, split from the copy
 * of the message they return.
 */
@Singleton
class NonStandardBounces {

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|delivery status notification \\(failure|"
            + "delivery (?:has )?failed|delivery failure|failure notice|returned mail|mail delivery (?:failed|failure|system)|"
            + "non-?delivery|could not be delivered|not delivered|delivery problem|permanent error", Pattern.CASE_INSENSITIVE);
    /** Where a non-standard bounce's own words end and its copy of the message begins. */
    private static final Pattern RETURNED_COPY = Pattern.compile("(?im)^.{0,20}(?:this is a copy of the message|below this line is a copy"
            + "|original message follows|unsent message below|returned message|original message headers"
            + "|message headers follow|----- ?original message ?-----|content-type: message/rfc822)");
    private static final Pattern SMTP_WORDS = Pattern.compile("(?m)^.*(?:\\b[245]\\d\\d[ -]|\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b|"
            + "unrouteable|unroutable|user unknown|no such|does not exist|mailbox|quota|rejected|refused).*$", Pattern.CASE_INSENSITIVE);

    private final OurMarks ours;
    private final String from;

    NonStandardBounces(OurMarks ours, MailConfig mail) {
        this.ours = ours;
        this.from = mail.from();
    }

    /** Whether a message that is no report looks like a bounce: its subject, and a mailer daemon or a null sender. */
    static boolean looksBounced(MimeMessage message) throws MessagingException {
        String sender = sender(message);
        String fromHeader = lower(header(message, "From"));
        String subject = message.getSubject() == null ? "" : message.getSubject();
        boolean daemon = sender != null && OurMarks.DAEMON.matcher(sender).find() || OurMarks.DAEMON.matcher(fromHeader.replaceAll("^\"", "")).find();
        boolean nullSender = header(message, "Return-Path").replaceAll("\\s", "").equals("<>");
        return BOUNCE_SUBJECT.matcher(subject).find() && (daemon || nullSender || subject.toLowerCase(Locale.ROOT).contains("undeliver"))
                || daemon && subject.toLowerCase(Locale.ROOT).matches(".*(fail|return|deliver|error|undeliver).*");
    }

    /**
     * A bounce that is not a DSN: its own words are classified, and what it is about found by the
     * VERP token, our Message-ID in its copy of the message, or the addresses its words name.
     */
    Reading read(MimeMessage message, Source source, Instant at) throws MessagingException, IOException {
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
        String token = verpToken(ours, message, returned + (attached == null ? "" : "\n" + header(attached, "Return-Path")));
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
}
