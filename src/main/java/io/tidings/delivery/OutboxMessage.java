package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

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

    /** Every column, in the order {@link #read} takes them. */
    static final String COLUMNS = "id, kind, subscriber_id, recipient, recipient_name, link_token, message_id, status,"
            + " attempts, due_at, lease_owner, lease_until, last_error, relay_reply, created_at, sent_at, edition_id";

    /**
     * The row at the result's cursor, selected as {@link #COLUMNS}. Claims read their rows with this
     * rather than through the repository: Micronaut Data's entity mapper looks up each column's name
     * by reflection for every row, which took a tenth of the service's CPU in {@code bench/delivery.sh}.
     */
    static OutboxMessage read(ResultSet row) throws SQLException {
        return new OutboxMessage(row.getLong(1), MessageKind.valueOf(row.getString(2)), nullableLong(row, 3),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                MessageStatus.valueOf(row.getString(8)), row.getInt(9), instant(row, 10), row.getString(11),
                instant(row, 12), row.getString(13), row.getString(14), instant(row, 15), instant(row, 16),
                nullableLong(row, 17));
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    OutgoingEmail outgoing() {
        return new OutgoingEmail(kind, subscriberId, recipient, recipientName, linkToken, editionId);
    }
}
