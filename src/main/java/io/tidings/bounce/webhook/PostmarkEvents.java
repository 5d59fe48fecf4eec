package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.tidings.bounce.Report;
import io.tidings.bounce.Source;
import io.tidings.mail.BounceClassifier;
import io.tidings.mail.BounceType;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads Postmark's Bounce and SpamComplaint records by their TypeCode (Postmark's "bounce types"):
 * HardBounce (1) and BadEmailAddress (100000) are {@code hard}; Transient (2), SoftBounce (4096),
 * DnsError (256) and Unknown (2048) {@code soft}; SpamNotification (512), Blocked (100006) and
 * DMARCPolicy (100009) {@code blocked}; VirusNotification (8192) {@code message}; AutoResponder (64)
 * {@code auto-reply}; every SpamComplaint record, and SpamComplaint (100001), {@code complaint}. The rest (subscribe and unsubscribe
 * requests by reply, address changes, challenge-responses, Postmark's own deactivations and errors)
 * say nothing about the reader's address and are left alone.
 *
 * <p>Postmark's MessageID is its own, not the message's Message-ID: the recipient finds the message.
 */
final class PostmarkEvents {

    private PostmarkEvents() {
    }

    static Optional<Report> report(PostmarkEvent event, Instant received) {
        if (!"Bounce".equals(event.recordType()) && !"SpamComplaint".equals(event.recordType())) {
            return Optional.empty();
        }
        BounceType type = type(event);
        if (type == null) {
            return Optional.empty();
        }
        String diagnostic = event.details() != null && !event.details().isBlank() ? event.details() : event.description();
        String status = type == BounceType.COMPLAINT ? null
                : BounceClassifier.report(null, diagnostic, true, SesEvents.address(event.from())).status();
        return Optional.of(ProviderEvents.report(type, status, diagnostic, Source.POSTMARK,
                ProviderEvents.instant(event.bouncedAt()), received, null, event.email()));
    }

    @Nullable
    static BounceType type(PostmarkEvent event) {
        // Postmark's own example of a SpamComplaint record carries TypeCode 512 (SpamNotification).
        if ("SpamComplaint".equals(event.recordType()) || "SpamComplaint".equals(event.type())) {
            return BounceType.COMPLAINT;
        }
        int code = event.typeCode() == null ? -1 : event.typeCode();
        return switch (code) {
            case 1, 100000 -> BounceType.HARD;
            case 2, 256, 2048, 4096 -> BounceType.SOFT;
            case 512, 100006, 100009 -> BounceType.BLOCKED;
            case 8192 -> BounceType.MESSAGE;
            case 64 -> BounceType.AUTO_REPLY;
            case 100001 -> BounceType.COMPLAINT;
            default -> null;
        };
    }
}
