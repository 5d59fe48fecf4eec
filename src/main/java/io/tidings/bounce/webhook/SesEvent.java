package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The SES payload an SNS notification carries: {@code notificationType} in the identity notifications,
 * {@code eventType} in event publishing (a configuration set's SNS destination). Only the fields read
 * here; SES adds others as it pleases.
 */
@Serdeable
record SesEvent(@Nullable String notificationType, @Nullable String eventType, @Nullable Mail mail,
                @Nullable Bounce bounce, @Nullable Complaint complaint) {

    /** Bounce, Complaint, Delivery, DeliveryDelay, …; null when the payload is not SES's. */
    @Nullable
    String kind() {
        return notificationType != null ? notificationType : eventType;
    }

    @Serdeable
    record Mail(@Nullable String source, @Nullable String timestamp, @Nullable List<Header> headers,
                @Nullable CommonHeaders commonHeaders) {
    }

    @Serdeable
    record Header(@Nullable String name, @Nullable String value) {
    }

    @Serdeable
    record CommonHeaders(@Nullable String messageId) {
    }

    @Serdeable
    record Bounce(@Nullable String bounceType, @Nullable String bounceSubType,
                  @Nullable List<Recipient> bouncedRecipients, @Nullable String timestamp) {
    }

    @Serdeable
    record Complaint(@Nullable List<Recipient> complainedRecipients, @Nullable String complaintFeedbackType,
                     @Nullable String timestamp) {
    }

    @Serdeable
    record Recipient(@Nullable String emailAddress, @Nullable String status, @Nullable String diagnosticCode) {
    }
}
