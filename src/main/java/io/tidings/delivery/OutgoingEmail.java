package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;

/** An email a feature wants sent, rendered and addressed, before it becomes an outbox row. */
public record OutgoingEmail(
        MessageKind kind,
        @Nullable Long subscriberId,
        String recipient,
        @Nullable String recipientName,
        String subject,
        String text,
        String html) {
}
