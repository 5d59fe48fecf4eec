package io.tidings.delivery;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.tidings.core.Tokens;
import io.tidings.mail.MailConfig;
import io.tidings.subscription.DigestRecipients;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The durable queue every email enters first; call it inside the transaction that decided to send. */
@Singleton
public class Outbox {

    private final OutboxRepository rows;
    private final DeliveryCounts counts;
    private final ApplicationEventPublisher<MessagesQueued> events;
    private final Clock clock;
    private final String messageIdDomain;

    Outbox(OutboxRepository rows, DeliveryCounts counts, ApplicationEventPublisher<MessagesQueued> events, Clock clock,
           MailConfig mail) {
        this.rows = rows;
        this.counts = counts;
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

    /** Queues an edition's digest for each of its recipients, in one statement; returns how many were queued. */
    public int queueDigests(long editionId, String messagePrefix, DigestRecipients recipients) {
        Instant now = clock.instant();
        // Each digest's Message-ID is <prefix.subscriber@domain>: its local part is made in SQL.
        int queued = rows.queueDigests(editionId, messageIdUpTo(messagePrefix + "."), messageIdFrom(), now,
                recipients.frequency(), recipients.everyone(), recipients.topicsToBind());
        announce(queued);
        return queued;
    }

    /** An edition's digests by delivery state, from the counts: no scan, history folded or not. */
    public Map<MessageStatus, Long> digestCounts(long editionId) {
        return counts.digestsOf(editionId);
    }

    /** Wakes the workers once the current transaction commits, for rows queued by a set-based insert. */
    public void announce(int count) {
        events.publishEvent(new MessagesQueued(count));
    }

    /** Every email queued for a subscriber that the outbox still holds (see {@link #lastSentBeforeHistory}), oldest first. */
    public List<DeliveryRecord> historyOf(long subscriberId) {
        return rows.findBySubscriberIdOrderById(subscriberId).stream()
                .map(row -> new DeliveryRecord(row.kind().name().toLowerCase(Locale.ROOT),
                        row.status().label(), row.attempts(), row.createdAt(), row.sentAt(),
                        row.editionId()))
                .toList();
    }

    /**
     * When a message to the reader was last accepted by the relay, among their emails the history
     * retention removed from the outbox; empty if none was.
     */
    public Optional<Instant> lastSentBeforeHistory(long subscriberId) {
        return rows.lastSentBeforeHistory(subscriberId);
    }

    /** Every email, confirmations, digests and tests, by delivery state, the history retention folded included. */
    public Map<MessageStatus, Long> countsByStatus() {
        return counts.byStatus();
    }

    /** A subscriber's emails by delivery state. */
    public Map<MessageStatus, Long> countsByStatusFor(long subscriberId) {
        return DeliveryCounts.byStatus(rows.countByStatusFor(subscriberId));
    }

    /** The error of each given subscriber's last failed email, if any failed. */
    public Map<Long, String> lastErrors(Collection<Long> subscriberIds) {
        Map<Long, String> errors = new HashMap<>();
        if (!subscriberIds.isEmpty()) {
            rows.lastErrors(subscriberIds).forEach(e -> errors.put(e.subscriberId(), e.lastError()));
        }
        return errors;
    }

    /** Deletes every email of the given subscribers, queued or sent: their address is in each row. */
    public void forget(Collection<Long> subscriberIds) {
        if (!subscriberIds.isEmpty()) {
            rows.deleteBySubscriberIdIn(subscriberIds);
            rows.forgetFolded(subscriberIds);
        }
    }

    /** Keeps queued emails from reaching a subscriber who has left. */
    public void suppressPendingFor(long subscriberId) {
        rows.suppressPendingFor(subscriberId);
    }

    /** Keeps a cancelled edition's queued digests from going out. */
    public int suppressPendingOfEdition(long editionId) {
        return rows.suppressPendingOfEdition(editionId);
    }

    /** The message in this outbox row, as a bounce's VERP token names it. */
    public Optional<SentMessage> message(long id) {
        return rows.sentMessage(id);
    }

    /**
     * The message with this Message-ID: a digest's names its edition's prefix and its reader
     * ({@code <prefix.subscriber@domain>}), found on the (edition, subscriber) index; any other is
     * looked for among the messages of the reader its recipient names, if any.
     *
     * @param editionOfPrefix the edition whose digests' Message-IDs start with a prefix, if any
     */
    public Optional<SentMessage> byMessageId(String messageId, Function<String, Optional<Long>> editionOfPrefix,
                                             @Nullable Long recipientId) {
        String id = messageId.strip();
        String suffix = messageIdFrom();
        if (!id.startsWith("<") || !id.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String local = id.substring(1, id.length() - suffix.length());
        int dot = local.lastIndexOf('.');
        if (dot > 0 && local.substring(dot + 1).matches("\\d{1,18}")) {
            long subscriberId = Long.parseLong(local.substring(dot + 1));
            Optional<SentMessage> digest = editionOfPrefix.apply(local.substring(0, dot)).flatMap(editionId -> rows.digestTo(editionId, subscriberId));
            if (digest.isPresent()) {
                return digest;
            }
        }
        return recipientId == null ? Optional.empty() : rows.ofSubscriberByMessageId(recipientId, id).stream().findFirst();
    }

    /**
     * When the relay last accepted a message to the reader since {@code since}, of the messages
     * no bounce came back for ({@code bounced}), if it did. Messages the history retention removed
     * count by their last time alone: a retention longer than the bounce window leaves them out.
     */
    public Optional<Instant> lastDeliveredTo(long subscriberId, Instant since, Collection<Long> bounced) {
        Optional<Instant> held = rows.lastSentTo(subscriberId, since, bounced);
        return held.isPresent() ? held : rows.lastSentBeforeHistory(subscriberId).filter(at -> !at.isBefore(since));
    }

    private String newMessageId() {
        return messageIdUpTo(Tokens.random()) + messageIdFrom();
    }

    /** A Message-ID up to the end of its local part, which starts with {@code local}. */
    private static String messageIdUpTo(String local) {
        return "<" + local;
    }

    /** A Message-ID from the end of its local part on: the sender's domain. */
    private String messageIdFrom() {
        return "@" + messageIdDomain + ">";
    }

    /** The domain of every Message-ID, the sender's. */
    public String messageIdDomain() {
        return messageIdDomain;
    }
}
