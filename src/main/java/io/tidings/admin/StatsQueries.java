package io.tidings.admin;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.MessageStatus;
import io.tidings.delivery.Outbox;
import io.tidings.subscription.SubscriberRecords;
import io.tidings.subscription.SubscriberStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts over subscribers, editions and the outbox, each asked of its owner and read fresh on each
 * request; the outbox answers from the counts it keeps with every change (docs/history.md).
 */
@Singleton
class StatsQueries {

    static final int DAYS = 30;
    private static final int BOUNCES_LISTED = 10;
    private final SubscriberRecords subscribers;
    private final EditionCounts editions;
    private final Outbox outbox;
    private final Clock clock;

    StatsQueries(SubscriberRecords subscribers, EditionCounts editions, Outbox outbox, Clock clock) {
        this.subscribers = subscribers;
        this.editions = editions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AdminStats stats() {
        return new AdminStats(subscribers(), editions(), deliveries(), days(), recentBounces());
    }

    private AdminStats.Subscribers subscribers() {
        Map<String, Long> byState = withEvery(labels(SubscriberStatus.values()), labelled(subscribers.countsByStatus()));
        return new AdminStats.Subscribers(sum(byState), byState, subscribers.confirmedByTopic(),
                subscribers.confirmedWithEveryTopic());
    }

    private AdminStats.Counts editions() {
        Map<String, Long> byState = editions.byState();
        return new AdminStats.Counts(sum(byState), byState);
    }

    private AdminStats.Counts deliveries() {
        Map<String, Long> byState = withEvery(labels(MessageStatus.values()), labelled(outbox.countsByStatus()));
        return new AdminStats.Counts(sum(byState), byState);
    }

    /** The last 30 UTC days, today included, oldest first; days without events count zero. */
    private List<AdminStats.Day> days() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1L);
        Map<LocalDate, Long> confirmed = subscribers.confirmedPerDay(first);
        Map<LocalDate, Long> unsubscribed = subscribers.unsubscribedPerDay(first);
        List<AdminStats.Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new AdminStats.Day(day, confirmed.getOrDefault(day, 0L), unsubscribed.getOrDefault(day, 0L)));
        }
        return days;
    }

    /** Subscribers with hard bounces, the latest first, each with the error of their last failed email. */
    private List<AdminStats.Bounce> recentBounces() {
        List<SubscriberRecords.Summary> bounced = subscribers.latestBounced(BOUNCES_LISTED);
        Map<Long, String> errors = outbox.lastErrors(bounced.stream().map(SubscriberRecords.Summary::id).toList());
        return bounced.stream()
                .map(s -> new AdminStats.Bounce(s.id(), s.email(), label(s.status()), s.hardBounces(), s.lastBounceAt(),
                        errors.get(s.id())))
                .toList();
    }

    static String label(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> labels(Enum<?>[] states) {
        return Arrays.stream(states).map(StatsQueries::label).toList();
    }

    private static Map<String, Long> labelled(Map<? extends Enum<?>, Long> counts) {
        Map<String, Long> labelled = new LinkedHashMap<>();
        counts.forEach((state, count) -> labelled.put(label(state), count));
        return labelled;
    }

    /** Every known state in order with its count, zero when absent; a state found but not known is kept too. */
    private static Map<String, Long> withEvery(List<String> states, Map<String, Long> found) {
        Map<String, Long> all = new LinkedHashMap<>();
        states.forEach(state -> all.put(state, 0L));
        all.putAll(found);
        return all;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
