package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.delivery.Outbox;
import io.tidings.subscription.BounceHistory;
import io.tidings.subscription.SubscriberRecords;
import io.tidings.subscription.SubscriberStatus;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operator's view of subscribers: never their tokens or token hashes. */
@Singleton
class SubscriberDirectory {

    static final int PAGE_SIZE = 50;
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

    /**
     * One page of subscribers, newest first.
     *
     * @param state a state to keep, or null for all
     * @param query text the address or name contains, in any case, or null
     */
    @Transactional(readOnly = true)
    Page list(@Nullable String state, @Nullable String query, int page) {
        if (page < 0) {
            throw InvalidInputException.of("page", "must be 0 or more");
        }
        SubscriberStatus status = state == null || state.isBlank() ? null : parseState(state);
        SubscriberRecords.Page found = subscribers.list(status, query, PAGE_SIZE, (long) page * PAGE_SIZE);
        return new Page(found.items().stream().map(SubscriberDirectory::listed).toList(), page, PAGE_SIZE, found.total());
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
