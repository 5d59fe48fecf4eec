package io.tidings.delivery;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.tidings.core.Tokens;
import io.tidings.mail.MailConfig;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The durable queue every email enters first; call it inside the transaction that decided to send. */
@Singleton
public class Outbox {

    private final OutboxRepository rows;
    private final ApplicationEventPublisher<MessagesQueued> events;
    private final Clock clock;
    private final String messageIdDomain;

    Outbox(OutboxRepository rows, ApplicationEventPublisher<MessagesQueued> events, Clock clock, MailConfig mail) {
        this.rows = rows;
        this.events = events;
        this.clock = clock;
        this.messageIdDomain = mail.from().substring(mail.from().lastIndexOf('@') + 1);
    }

    public void enqueue(OutgoingEmail email) {
        Instant now = clock.instant();
        rows.save(new OutboxMessage(null, email.kind(), email.subscriberId(), email.recipient(), email.recipientName(),
                email.linkToken(), newMessageId(), MessageStatus.PENDING, 0, now, null, null, null, null, now, null,
                email.editionId()));
        announce(1);
    }

    /** Wakes the workers once the current transaction commits, for rows queued by a set-based insert. */
    public void announce(int count) {
        events.publishEvent(new MessagesQueued(count));
    }

    /** Every email queued for a subscriber, oldest first. */
    public List<DeliveryRecord> historyOf(long subscriberId) {
        return rows.findBySubscriberIdOrderById(subscriberId).stream()
                .map(row -> new DeliveryRecord(row.kind().name().toLowerCase(Locale.ROOT),
                        row.status().name().toLowerCase(Locale.ROOT), row.attempts(), row.createdAt(), row.sentAt(),
                        row.editionId()))
                .toList();
    }

    /** Deletes every email of a subscriber, queued or sent: their address is in each row. */
    public void forget(long subscriberId) {
        rows.deleteBySubscriberId(subscriberId);
    }

    /** Keeps queued emails from reaching a subscriber who has left. */
    public void suppressPendingFor(long subscriberId) {
        rows.suppressPendingFor(subscriberId);
    }

    /** Keeps a cancelled edition's queued digests from going out. */
    public int suppressPendingOfEdition(long editionId) {
        return rows.suppressPendingOfEdition(editionId);
    }

    private String newMessageId() {
        return "<" + Tokens.random() + "@" + messageIdDomain + ">";
    }

    /** The domain of every Message-ID, the sender's. */
    public String messageIdDomain() {
        return messageIdDomain;
    }
}
