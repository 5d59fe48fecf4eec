package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.tidings.bounce.Report;
import io.tidings.bounce.Source;
import io.tidings.mail.BounceClassifier;
import io.tidings.mail.BounceType;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads Mailgun's events:
 * <ul>
 *   <li>{@code failed} with severity {@code permanent}: by its reason where that is Mailgun's own
 *       verdict ({@code suppress-bounce}: {@code hard}, Mailgun no longer sends to a bounced address;
 *       {@code suppress-complaint}: {@code complaint}; {@code espblock}: {@code blocked}; {@code old}:
 *       {@code soft}, undelivered for too long), else the classifier's reading of the receiving
 *       server's answer, {@code hard} where it finds nothing more definite; {@code suppress-unsubscribe}
 *       (an unsubscribe at Mailgun) changes nothing here;</li>
 *   <li>{@code failed} with severity {@code temporary} changes nothing: Mailgun retries, and says
 *       {@code permanent} if it gives up;</li>
 *   <li>{@code complained}: {@code complaint}.</li>
 * </ul>
 */
final class MailgunEvents {

    private MailgunEvents() {
    }

    static Optional<Report> report(MailgunPayload.EventData event, Instant received) {
        BounceType type = type(event);
        if (type == null) {
            return Optional.empty();
        }
        String messageId = event.message() == null || event.message().headers() == null ? null
                : event.message().headers().messageId();
        MailgunPayload.DeliveryStatus delivery = event.deliveryStatus();
        String status = type == BounceType.COMPLAINT || delivery == null ? null : status(delivery);
        String diagnostic = type == BounceType.COMPLAINT ? "complaint" : diagnostic(delivery, event.reason());
        return Optional.of(ProviderEvents.report(type, status, diagnostic, Source.MAILGUN,
                ProviderEvents.epochSeconds(event.timestamp()), received, messageId, event.recipient()));
    }

    @Nullable
    static BounceType type(MailgunPayload.EventData event) {
        if ("complained".equals(event.event())) {
            return BounceType.COMPLAINT;
        }
        if (!"failed".equals(event.event()) || !"permanent".equals(event.severity())) {
            return null;
        }
        String reason = event.reason() == null ? "" : event.reason();
        return switch (reason) {
            case "suppress-bounce" -> BounceType.HARD;
            case "suppress-complaint" -> BounceType.COMPLAINT;
            case "suppress-unsubscribe" -> null;
            case "espblock" -> BounceType.BLOCKED;
            case "old" -> BounceType.SOFT;
            default -> {
                MailgunPayload.DeliveryStatus delivery = event.deliveryStatus();
                String sender = event.envelope() == null ? null : event.envelope().sender();
                BounceType classified = delivery == null ? BounceType.SOFT
                        : BounceClassifier.report(status(delivery), diagnostic(delivery, reason), true, sender).type();
                yield classified == BounceType.SOFT ? BounceType.HARD : classified;
            }
        };
    }

    @Nullable
    private static String status(MailgunPayload.DeliveryStatus delivery) {
        return ProviderEvents.blankToNull(delivery.enhancedCode());
    }

    /** The receiving server's answer as a reply line ({@code 550 5.1.1 …}), which the classifier reads. */
    @Nullable
    private static String diagnostic(@Nullable MailgunPayload.DeliveryStatus delivery, @Nullable String reason) {
        if (delivery == null) {
            return reason;
        }
        String text = ProviderEvents.blankToNull(delivery.message()) != null ? delivery.message() : delivery.description();
        String line = ((delivery.code() == null ? "" : delivery.code() + " ") + (text == null ? "" : text.strip())).strip();
        return line.isEmpty() ? reason : line;
    }
}
