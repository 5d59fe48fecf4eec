package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of every answer that comes back: a relay's reply during SMTP and a bounce, a
 * feedback report or a provider's event later. The enhanced status code (RFC 3463, and the IANA
 * registry of its subjects) decides first; the words of the reply decide where a server gives no
 * code (Exim's {@code 550 Unrouteable address}) or a code too vague to act on ({@code 5.0.0}).
 *
 * <p>Whatever names the sender is about the sender: Postfix refuses a bad sender in its reply to
 * RCPT ({@code 550 5.1.0 <news@…>: Sender address rejected: User unknown}), and reading that as the
 * reader's address would bounce every reader of an edition. A permanent refusal with nothing that
 * says the reader's address is dead is {@link BounceType#SOFT}: believed only when it repeats.
 */
public final class BounceClassifier {

    /** Where in the conversation the answer came: it changes what an answer without detail is about. */
    public enum Stage {
        /** The greeting, EHLO, STARTTLS or AUTH: about the connection, never one message. */
        CONNECTION,
        /** The reply to MAIL FROM. */
        SENDER,
        /** The reply to RCPT TO. */
        RECIPIENT,
        /** The reply to DATA or to the message's final dot. */
        DATA,
        /** A bounce, report or event that came back after the relay accepted the message. */
        REPORT
    }

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

    private static final Pattern SENDER_REFUSED = words(
            "sender address rejected", "sender rejected", "sender domain", "sender verify failed",
            "sender verification", "sender not (?:allowed|authorized|authorised)", "not owned by (?:the )?user",
            "sender login mismatch", "email address is not verified", "domain is not verified",
            "mail from .{0,40}rejected");
    private static final Pattern UNKNOWN_RECIPIENT = words(
            "user unknown", "unknown user", "no such user", "unknown recipient", "recipient unknown",
            "no such (?:mailbox|recipient|address)", "mailbox (?:does not|doesn't) exist", "does not exist",
            "unrouteable address", "unroutable address", "invalid recipient", "recipient address rejected: user",
            "address rejected: user", "mailbox unavailable", "mailbox not found", "account (?:has been )?disabled",
            "account (?:is )?(?:inactive|closed|suspended)", "unknown or illegal alias", "host or domain name not found",
            "domain not found", "no mx", "bad destination mailbox");
    private static final Pattern FULL_MAILBOX = words(
            "mailbox full", "mailbox is full", "over quota", "quota exceeded", "exceeded (?:the )?(?:storage|quota)",
            "insufficient (?:system )?storage");
    private static final Pattern MESSAGE_REFUSED = words(
            "message (?:is )?too (?:large|big)", "message size exceeds", "size limit", "exceeds (?:the )?(?:maximum )?(?:message )?size",
            "message content rejected", "content rejected", "virus", "malware", "attachment");
    private static final Pattern POLICY = words(
            "spam", "blocked", "block ?list", "black ?list", "dnsbl", "rbl", "reputation", "dmarc", "spf", "dkim",
            "policy", "not authorized", "unauthenticated", "authentication required", "relay(?:ing)? denied",
            "relay access denied", "rate limit", "too many", "try again later", "poor reputation", "access denied");

    private BounceClassifier() {
    }

    /**
     * Reads an SMTP reply.
     *
     * @param sender the envelope sender of the transaction, or null; a reply naming it is about the sender
     */
    public static Diagnosis reply(Stage stage, int code, String text, @Nullable String sender) {
        String status = status(text, code);
        boolean permanent = code >= 500;
        return new Diagnosis(type(stage, code, status, text, sender), status, permanent);
    }

    /**
     * Reads one recipient of a delivery status notification (RFC 3464): its {@code Status} and
     * {@code Diagnostic-Code}, of which the remote server's reply code, where it gave one, is used too.
     */
    public static Diagnosis report(@Nullable String status, @Nullable String diagnostic, boolean failed,
                                   @Nullable String sender) {
        String text = diagnostic == null ? "" : diagnostic;
        String given = status == null ? null : status(status, 0);
        int code = replyCode(text);
        String effective = given != null && !given.endsWith(".0.0") ? given : status(text, code);
        if (effective == null) {
            effective = given;
        }
        if (code < 0) {
            code = effective == null ? (failed ? 550 : 450) : effective.charAt(0) == '5' ? 550 : 450;
        }
        return new Diagnosis(type(Stage.REPORT, code, effective, text, sender), effective,
                failed && (effective == null || effective.charAt(0) != '4'));
    }

    private static BounceType type(Stage stage, int code, @Nullable String status, String text, @Nullable String sender) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean temporary = status != null ? status.charAt(0) == '4' : code >= 400 && code < 500;
        if (stage == Stage.CONNECTION || stage == Stage.SENDER || namesSender(lower, sender)) {
            return temporary && !POLICY.matcher(lower).find() ? BounceType.SOFT : BounceType.BLOCKED;
        }
        if (status != null && !status.endsWith(".0.0")) {
            BounceType byStatus = byStatus(status, lower);
            if (byStatus != null) {
                return temporary && byStatus == BounceType.HARD ? BounceType.SOFT : byStatus;
            }
        }
        if (MESSAGE_REFUSED.matcher(lower).find() || code == 552 && stage != Stage.RECIPIENT) {
            return BounceType.MESSAGE;
        }
        if (POLICY.matcher(lower).find()) {
            return BounceType.BLOCKED;
        }
        if (FULL_MAILBOX.matcher(lower).find() || temporary) {
            return BounceType.SOFT;
        }
        if (UNKNOWN_RECIPIENT.matcher(lower).find()) {
            return BounceType.HARD;
        }
        if (code == 554 && stage != Stage.REPORT) {
            // "Transaction failed" with nothing more: a relay's verdict on the whole transaction.
            return BounceType.BLOCKED;
        }
        return stage == Stage.DATA ? BounceType.MESSAGE : BounceType.SOFT;
    }

    /** RFC 3463 subjects and details, where they say enough; null where the words must decide. */
    private static BounceType byStatus(String status, String lower) {
        String[] parts = status.split("\\.");
        int subject = Integer.parseInt(parts[1]);
        int detail = Integer.parseInt(parts[2]);
        return switch (subject) {
            case 1 -> switch (detail) {
                // Bad destination mailbox, system or syntax, moved, not accepting mail (RFC 7505's null MX).
                case 1, 2, 3, 4, 6, 10 -> BounceType.HARD;
                // 5.1.7 and 5.1.8 are the sender's mailbox and system.
                case 7, 8 -> BounceType.BLOCKED;
                default -> UNKNOWN_RECIPIENT.matcher(lower).find() ? BounceType.HARD : null;
            };
            case 2 -> switch (detail) {
                case 1 -> BounceType.HARD;
                case 2 -> BounceType.SOFT;
                case 3 -> BounceType.MESSAGE;
                default -> null;
            };
            case 3 -> detail == 4 ? BounceType.MESSAGE : BounceType.SOFT;
            case 4 -> detail == 4 ? BounceType.HARD : BounceType.SOFT;
            case 5, 6 -> BounceType.MESSAGE;
            // 5.7.13 (user account disabled) is the one security status about the reader.
            case 7 -> detail == 13 ? BounceType.HARD : BounceType.BLOCKED;
            default -> null;
        };
    }

    private static boolean namesSender(String lower, @Nullable String sender) {
        return SENDER_REFUSED.matcher(lower).find()
                || sender != null && !sender.isBlank() && lower.contains(sender.toLowerCase(Locale.ROOT));
    }

    /** The enhanced status in a reply's text, whose class must agree with the reply code where there is one. */
    private static String status(String text, int code) {
        Matcher matcher = ENHANCED.matcher(text);
        while (matcher.find()) {
            if (code <= 0 || matcher.group(1).charAt(0) - '0' == code / 100) {
                return matcher.group(1) + "." + Integer.parseInt(matcher.group(2)) + "." + Integer.parseInt(matcher.group(3));
            }
        }
        return null;
    }

    /** A DSN's {@code Diagnostic-Code: smtp; 550 5.1.1 …}: the remote reply code, or -1. */
    private static int replyCode(String diagnostic) {
        Matcher matcher = Pattern.compile("(?:^|;\\s*)([245]\\d\\d)[ -]").matcher(diagnostic);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static Pattern words(String... phrases) {
        return Pattern.compile("\\b(?:" + String.join("|", phrases) + ")", Pattern.CASE_INSENSITIVE);
    }
}
