package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;

/**
 * An email a feature wants sent. It is rendered by that kind's {@link MessageComposer} when a
 * worker sends it, so queueing costs one small row.
 *
 * @param linkToken a secret the email's link carries, kept only until the row is final
 * @param editionId the edition a digest belongs to
 */
public record OutgoingEmail(
        MessageKind kind,
        @Nullable Long subscriberId,
        String recipient,
        @Nullable String recipientName,
        @Nullable String linkToken,
        @Nullable Long editionId) {

    /** An email that belongs to no edition. */
    public OutgoingEmail(MessageKind kind, @Nullable Long subscriberId, String recipient, @Nullable String recipientName,
                         @Nullable String linkToken) {
        this(kind, subscriberId, recipient, recipientName, linkToken, null);
    }
}
