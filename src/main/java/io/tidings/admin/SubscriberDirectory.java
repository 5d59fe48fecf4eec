package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.delivery.DeliveryRecord;
import io.tidings.delivery.Outbox;
import io.tidings.subscription.BounceHistory;
import io.tidings.subscription.Frequency;
import io.tidings.subscription.SubscriberRecords;
import io.tidings.subscription.SubscriberStatus;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** The operator's view of subscribers: never their tokens or token hashes. */
@Singleton
class SubscriberDirectory {

    static final int PAGE_SIZE = 50;
    private static final int RECENT_MAIL = 20;
    private final SubscriberRecords subscribers;
    private final Outbox outbox;
    private final BounceHistory bounces;

    SubscriberDirectory(SubscriberRecords subscribers, Outbox outbox, BounceHistory bounces) {
        this.subscribers = subscribers;
        this.outbox = outbox;
        this.bounces = bounces;
    }

    @Serdeable
    record Listed(long id, String email, @Nullable String name, String state, String frequency, List<String> topics,
                  Instant createdAt, @Nullable Instant confirmedAt, @Nullable Instant unsubscribedAt,
                  @Nullable Instant pausedUntil, int hardBounces, @Nullable Instant lastBounceAt) {
    }

    @Serdeable
    record Page(List<Listed> items, int page, int size, long total) {
    }

    @Serdeable
    record Consent(String kind, String source, @Nullable String policyVersion, Instant recordedAt) {
    }

    @Serdeable
    record Detail(Listed subscriber, List<Consent> consents, Map<String, Long> emails, List<BounceHistory.Entry> bounces) {
    }

    /** Subscribers older than {@code next}'s id come next; null when this was the last of them. */
    record Browsed(List<Listed> items, @Nullable Long next) {
    }

    /**
     * One page of subscribers, newest first, and how many the filters keep.
     *
     * @param state     a state to keep, or null for all
     * @param frequency a frequency to keep, or null for all
     * @param topic     a topic the reader gets (chose, or chose none, so gets all), or null for all
     * @param query     text the address or name contains, in any case, or null
     */
    @Transactional(readOnly = true)
    Page list(@Nullable String state, @Nullable String frequency, @Nullable String topic, @Nullable String query, int page) {
        if (page < 0) {
            throw InvalidInputException.of("page", "must be 0 or more");
        }
        SubscriberRecords.Page found = subscribers.list(filter(state, frequency, topic, query), PAGE_SIZE, (long) page * PAGE_SIZE);
        return new Page(found.items().stream().map(SubscriberDirectory::listed).toList(), page, PAGE_SIZE, found.total());
    }

    /** As {@link #list}, a page at a time by id ({@code before}: the id the last page ended after, or null), uncounted. */
    @Transactional(readOnly = true)
    Browsed browse(@Nullable String state, @Nullable String frequency, @Nullable String topic, @Nullable String query,
                   @Nullable Long before) {
        List<SubscriberRecords.Summary> found = subscribers.before(filter(state, frequency, topic, query),
                before == null ? Long.MAX_VALUE : before, PAGE_SIZE + 1);
        List<Listed> items = found.stream().limit(PAGE_SIZE).map(SubscriberDirectory::listed).toList();
        return new Browsed(items, found.size() > PAGE_SIZE ? items.get(items.size() - 1).id() : null);
    }

    /** The reader's latest emails the outbox still holds, newest first; older ones are only counted (docs/history.md). */
    @Transactional(readOnly = true)
    List<DeliveryRecord> recentMail(long id) {
        List<DeliveryRecord> all = outbox.historyOf(id);
        return IntStream.range(0, Math.min(RECENT_MAIL, all.size())).mapToObj(i -> all.get(all.size() - 1 - i)).toList();
    }

    /** When the reader's last email the history retention folded away was sent, if any was. */
    @Transactional(readOnly = true)
    Optional<Instant> lastSentBeforeHistory(long id) {
        return outbox.lastSentBeforeHistory(id);
    }

    private static SubscriberRecords.Filter filter(@Nullable String state, @Nullable String frequency, @Nullable String topic,
                                                   @Nullable String query) {
        return new SubscriberRecords.Filter(state == null || state.isBlank() ? null : parseState(state),
                frequency == null || frequency.isBlank() ? null : Frequency.parse(frequency),
                topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT), query);
    }

    @Transactional(readOnly = true)
    Detail show(long id) {
        Listed subscriber = subscribers.find(id).map(SubscriberDirectory::listed)
                .orElseThrow(() -> new NotFoundException("no subscriber " + id));
        List<Consent> consents = subscribers.consentsOf(id).stream()
                .map(c -> new Consent(c.kind().label(), c.source().name().toLowerCase(Locale.ROOT),
                        c.policyVersion(), c.recordedAt()))
                .toList();
        // The subscriber's emails by delivery state.
        Map<String, Long> emails = new HashMap<>();
        outbox.countsByStatusFor(id).forEach((status, count) -> emails.put(StatsQueries.label(status), count));
        return new Detail(subscriber, consents, emails, bounces.of(id));
    }

    private static SubscriberStatus parseState(String state) {
        try {
            return SubscriberStatus.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "must be pending, confirmed, unsubscribed or bounced");
        }
    }

    private static Listed listed(SubscriberRecords.Summary s) {
        return new Listed(s.id(), s.email(), s.name(), StatsQueries.label(s.status()), s.frequency().label(), s.topics(),
                s.createdAt(), s.confirmedAt(), s.unsubscribedAt(), s.pausedUntil(), s.hardBounces(), s.lastBounceAt());
    }
}
