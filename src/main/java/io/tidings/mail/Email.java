package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * One message ready to leave: rendered bodies and the headers it needs. {@link MimeMessages} folds
 * and encodes the headers, and refuses line breaks in their values.
 */
public record Email(
        String recipient,
        @Nullable String recipientName,
        String subject,
        String text,
        String html,
        String messageId,
        Map<String, String> headers) {
}
