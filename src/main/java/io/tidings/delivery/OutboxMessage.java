package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("outbox")
record OutboxMessage(
        @Id @GeneratedValue @Nullable Long id,
        MessageKind kind,
        @Nullable Long subscriberId,
        String recipient,
        @Nullable String recipientName,
        @Nullable String linkToken,
        String messageId,
        MessageStatus status,
        int attempts,
        Instant dueAt,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        @Nullable String lastError,
        @Nullable String relayReply,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable Long editionId) {

    OutgoingEmail outgoing() {
        return new OutgoingEmail(kind, subscriberId, recipient, recipientName, linkToken, editionId);
    }
}
