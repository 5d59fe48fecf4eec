package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.tidings.bounce.Report;
import io.tidings.bounce.Source;
import io.tidings.mail.BounceClassifier;
import io.tidings.mail.BounceType;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads SendGrid's delivery events:
 * <ul>
 *   <li>{@code bounce} of type {@code bounce} (refused for good): the classifier's reading of status and
 *       reason, {@code hard} where it finds nothing more definite; of type {@code blocked} (refused for
 *       now, by the receiving side's policy): {@code blocked}, or {@code message} where the message was
 *       the reason;</li>
 *   <li>{@code dropped} (SendGrid did not send): "Bounced Address" and "Invalid" are {@code hard},
 *       "Spam Reporting Address" {@code complaint}, "Spam Content" {@code message}, "Expired"
 *       {@code soft}; unsubscribes at SendGrid and the rest change nothing here;</li>
 *   <li>{@code spamreport}: {@code complaint}.</li>
 * </ul>
 * Deferrals change nothing (SendGrid keeps trying), nor do deliveries, opens and clicks. SendGrid's
 * {@code smtp-id} is the message's Message-ID.
 */
final class SendGridEvents {

    private SendGridEvents() {
    }

    static Optional<Report> report(SendGridEvent event, Instant received) {
        BounceType type = type(event);
        if (type == null) {
            return Optional.empty();
        }
        String status = type == BounceType.COMPLAINT ? null : event.status();
        String diagnostic = type == BounceType.COMPLAINT ? "spam report" : event.reason();
        return Optional.of(ProviderEvents.report(type, status, diagnostic, Source.SENDGRID,
                ProviderEvents.epochSeconds(event.timestamp()), received, event.smtpId(),
                event.email()));
    }

    @Nullable
    static BounceType type(SendGridEvent event) {
        String name = event.event() == null ? "" : event.event();
        return switch (name) {
            case "spamreport" -> BounceType.COMPLAINT;
            case "bounce" -> bounce(event);
            case "dropped" -> dropped(event.reason());
            default -> null;
        };
    }

    private static BounceType bounce(SendGridEvent event) {
        BounceType classified = BounceClassifier.report(event.status(), event.reason(), true, null).type();
        if ("blocked".equals(event.type())) {
            return classified == BounceType.MESSAGE ? BounceType.MESSAGE : BounceType.BLOCKED;
        }
        return classified == BounceType.SOFT ? BounceType.HARD : classified;
    }

    @Nullable
    private static BounceType dropped(@Nullable String reason) {
        String lower = reason == null ? "" : reason.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "bounced address", "invalid" -> BounceType.HARD;
            case "spam reporting address" -> BounceType.COMPLAINT;
            case "spam content" -> BounceType.MESSAGE;
            case "expired" -> BounceType.SOFT;
            default -> null;
        };
    }
}
