package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.tidings.bounce.Report;
import io.tidings.bounce.Source;
import io.tidings.mail.BounceClassifier;
import io.tidings.mail.BounceType;

import java.time.Instant;
import java.util.List;

/**
 * Reads what SES says about a message. Its bounce types decide where they are definite, the
 * receiving server's status and words (through the one classifier) where SES says only "General":
 * <ul>
 *   <li>Permanent: NoEmail, and Suppressed/OnAccountSuppressionList (SES sends that address nothing
 *       more, having seen it bounce) are {@code hard}; MessageTooLarge, ContentRejected and
 *       AttachmentRejected are {@code message}; General is what the classifier makes of the status,
 *       {@code hard} where it finds nothing more definite, so that a policy block (5.7.x) stays the
 *       sender's and never the reader's.</li>
 *   <li>Transient and Undetermined: never {@code hard}; MailboxFull is {@code soft}.</li>
 *   <li>Complaints are {@code complaint}, except feedback of the type {@code not-spam}.</li>
 * </ul>
 * Delivery delays change nothing: SES keeps trying and reports a bounce if it gives up.
 */
final class SesEvents {

    private SesEvents() {
    }

    /** The reports in a payload; what says nothing about a bounce or complaint gives none. */
    static List<Report> reports(SesEvent event, Instant received) {
        SesEvent.Mail mail = event.mail() == null ? new SesEvent.Mail(null, null, null, null) : event.mail();
        String messageId = messageId(mail);
        String sender = address(mail.source());
        if ("Bounce".equals(event.kind()) && event.bounce() != null) {
            SesEvent.Bounce bounce = event.bounce();
            Instant at = ProviderEvents.instant(bounce.timestamp());
            return recipients(bounce.bouncedRecipients()).stream()
                    .map(r -> ProviderEvents.report(type(bounce, r, sender), r.status(), r.diagnosticCode(), Source.SES,
                            at, received, messageId, r.emailAddress()))
                    .toList();
        }
        if ("Complaint".equals(event.kind()) && event.complaint() != null
                && !"not-spam".equalsIgnoreCase(event.complaint().complaintFeedbackType())) {
            SesEvent.Complaint complaint = event.complaint();
            Instant at = ProviderEvents.instant(complaint.timestamp());
            String feedback = complaint.complaintFeedbackType();
            return recipients(complaint.complainedRecipients()).stream()
                    .map(r -> ProviderEvents.report(BounceType.COMPLAINT, null,
                            feedback == null ? "complaint" : "complaint: " + feedback, Source.SES, at, received, messageId,
                            r.emailAddress()))
                    .toList();
        }
        return List.of();
    }

    static BounceType type(SesEvent.Bounce bounce, SesEvent.Recipient recipient, @Nullable String sender) {
        String subType = bounce.bounceSubType() == null ? "" : bounce.bounceSubType();
        switch (subType) {
            case "MessageTooLarge", "ContentRejected", "AttachmentRejected" -> {
                return BounceType.MESSAGE;
            }
            case "MailboxFull" -> {
                return BounceType.SOFT;
            }
            default -> {
                // General, Undetermined, and whatever SES adds later: decided below.
            }
        }
        if ("Permanent".equals(bounce.bounceType())) {
            if (subType.equals("NoEmail") || subType.equals("Suppressed") || subType.equals("OnAccountSuppressionList")) {
                return BounceType.HARD;
            }
            BounceType classified = classified(recipient, sender);
            return classified == null || classified == BounceType.SOFT ? BounceType.HARD : classified;
        }
        BounceType classified = classified(recipient, sender);
        return classified == null || classified == BounceType.HARD ? BounceType.SOFT : classified;
    }

    /** The classifier's reading of the receiving server's answer, or null where SES passed none on. */
    @Nullable
    private static BounceType classified(SesEvent.Recipient recipient, @Nullable String sender) {
        if (ProviderEvents.blankToNull(recipient.status()) == null
                && ProviderEvents.blankToNull(recipient.diagnosticCode()) == null) {
            return null;
        }
        return BounceClassifier.report(recipient.status(), recipient.diagnosticCode(), true, sender).type();
    }

    /** Our Message-ID, from the original headers SES passes on where the identity is set to include them. */
    @Nullable
    private static String messageId(SesEvent.Mail mail) {
        if (mail.headers() != null) {
            for (SesEvent.Header header : mail.headers()) {
                if ("Message-ID".equalsIgnoreCase(header.name())) {
                    return header.value();
                }
            }
        }
        return mail.commonHeaders() == null ? null : mail.commonHeaders().messageId();
    }

    private static List<SesEvent.Recipient> recipients(@Nullable List<SesEvent.Recipient> recipients) {
        return recipients == null ? List.of() : recipients.stream().filter(r -> r != null).toList();
    }

    /** The address in {@code "Name" <address>} or a bare address. */
    @Nullable
    static String address(@Nullable String mailbox) {
        if (mailbox == null) {
            return null;
        }
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        return open >= 0 && close > open ? mailbox.substring(open + 1, close).strip() : mailbox.strip();
    }
}
