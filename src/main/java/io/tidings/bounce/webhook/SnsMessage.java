package io.tidings.bounce.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.StringJoiner;

/** An SNS message as SNS posts it to an HTTPS subscriber (the body's JSON). */
@Serdeable
record SnsMessage(@JsonProperty("Type") @Nullable String type,
                  @JsonProperty("MessageId") @Nullable String messageId,
                  @JsonProperty("Token") @Nullable String token,
                  @JsonProperty("TopicArn") @Nullable String topicArn,
                  @JsonProperty("Subject") @Nullable String subject,
                  @JsonProperty("Message") @Nullable String message,
                  @JsonProperty("Timestamp") @Nullable String timestamp,
                  @JsonProperty("SignatureVersion") @Nullable String signatureVersion,
                  @JsonProperty("Signature") @Nullable String signature,
                  @JsonProperty("SigningCertURL") @Nullable String signingCertUrl,
                  @JsonProperty("SubscribeURL") @Nullable String subscribeUrl) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /**
     * The text SNS signs: the message's own values, each after its name, one a line, in the order AWS
     * documents for its type ("Verifying the signatures of Amazon SNS messages"). A notification's
     * Subject is signed only when it has one.
     */
    String signedText() {
        StringJoiner text = new StringJoiner("\n", "", "\n");
        text.add("Message").add(required(message, "Message"));
        text.add("MessageId").add(required(messageId, "MessageId"));
        if (NOTIFICATION.equals(type)) {
            if (subject != null) {
                text.add("Subject").add(subject);
            }
        } else {
            text.add("SubscribeURL").add(required(subscribeUrl, "SubscribeURL"));
        }
        text.add("Timestamp").add(required(timestamp, "Timestamp"));
        if (!NOTIFICATION.equals(type)) {
            text.add("Token").add(required(token, "Token"));
        }
        text.add("TopicArn").add(required(topicArn, "TopicArn"));
        text.add("Type").add(type);
        return text.toString();
    }

    static String required(@Nullable String value, String name) {
        if (value == null) {
            throw WebhookRefusal.malformed("The SNS message has no " + name + ".");
        }
        return value;
    }
}
