package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * One message ready to leave: rendered bodies and the headers it needs. Headers are written by
 * Jakarta Mail, which folds and encodes them; {@link MimeMessages} refuses line breaks in values.
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
