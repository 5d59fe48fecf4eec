package io.tidings.mail;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * One message ready to leave: rendered bodies and the headers it needs. {@link MimeMessages} folds
 * and encodes the headers, and refuses line breaks in their values.
 *
 * @param returnPath the envelope sender (MAIL FROM) where bounces go, or null for {@code MAIL_FROM};
 *                   see {@link ReturnPath}
 */
public record Email(
        String recipient,
        @Nullable String recipientName,
        String subject,
        Body text,
        Body html,
        String messageId,
        Map<String, String> headers,
        @Nullable String returnPath) {

    /** A message whose bounces go to {@code MAIL_FROM}. */
    public Email(String recipient, @Nullable String recipientName, String subject, Body text, Body html,
                 String messageId, Map<String, String> headers) {
        this(recipient, recipientName, subject, text, html, messageId, headers, null);
    }
}
