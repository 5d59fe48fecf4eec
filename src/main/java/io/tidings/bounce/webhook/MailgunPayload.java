package io.tidings.bounce.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A Mailgun webhook request: the signature and one event; only the fields read here. */
@Serdeable
record MailgunPayload(@Nullable Signed signature, @JsonProperty("event-data") @Nullable EventData eventData) {

    @Serdeable
    record Signed(@Nullable String timestamp, @Nullable String token, @Nullable String signature) {
    }

    @Serdeable
    record EventData(@Nullable String event, @Nullable String severity, @Nullable String reason,
                     @Nullable String recipient, @Nullable Double timestamp,
                     @JsonProperty("delivery-status") @Nullable DeliveryStatus deliveryStatus,
                     @Nullable Message message, @Nullable Envelope envelope) {
    }

    @Serdeable
    record DeliveryStatus(@Nullable Integer code, @Nullable String message, @Nullable String description,
                          @JsonProperty("enhanced-code") @Nullable String enhancedCode) {
    }

    @Serdeable
    record Message(@Nullable Headers headers) {
    }

    @Serdeable
    record Headers(@JsonProperty("message-id") @Nullable String messageId) {
    }

    @Serdeable
    record Envelope(@Nullable String sender) {
    }
}
