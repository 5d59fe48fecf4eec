package io.tidings.admin;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.MessageStatus;
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

/** Counts over subscribers, editions and the outbox, read fresh on each request: no tally is kept aside. */
@Singleton
class StatsQueries {

    static final int DAYS = 30;
    private static final int BOUNCES_LISTED = 10;
    private static final List<String> EDITION_STATES = List.of("active", "paused", "cancelled");
    private final Rows rows;
    private final Clock clock;

    StatsQueries(Rows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AdminStats stats() {
        return new AdminStats(subscribers(), editions(), deliveries(), days(), recentBounces());
    }

    private AdminStats.Subscribers subscribers() {
        Map<String, Long> byState = withEvery(labels(SubscriberStatus.values()),
                rows.counts("SELECT status, COUNT(*) FROM subscriber GROUP BY status"));
        // Confirmed readers by the topics they chose.
        Map<String, Long> byTopic = rows.counts("""
                SELECT t.topic, COUNT(*) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                WHERE s.status = 'CONFIRMED' GROUP BY t.topic ORDER BY t.topic""");
        // Confirmed readers who chose no topic, and so get all of them.
        long allTopics = rows.count("""
                SELECT COUNT(*) FROM subscriber s WHERE s.status = 'CONFIRMED'
                AND NOT EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = s.id)""");
        return new AdminStats.Subscribers(sum(byState), byState, byTopic, allTopics);
    }

    private AdminStats.Counts editions() {
        Map<String, Long> byState = withEvery(EDITION_STATES, rows.counts("SELECT status, COUNT(*) FROM edition GROUP BY status"));
        return new AdminStats.Counts(sum(byState), byState);
    }

    private AdminStats.Counts deliveries() {
        Map<String, Long> byState = withEvery(labels(MessageStatus.values()),
                rows.counts("SELECT status, COUNT(*) FROM outbox GROUP BY status"));
        return new AdminStats.Counts(sum(byState), byState);
    }

    /** The last 30 UTC days, today included, oldest first; days without events count zero. */
    private List<AdminStats.Day> days() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1L);
        Map<Long, Long> confirmed = perDay("confirmed_at", first);
        Map<Long, Long> unsubscribed = perDay("unsubscribed_at", first);
        List<AdminStats.Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new AdminStats.Day(day, confirmed.getOrDefault(day.toEpochDay(), 0L),
                    unsubscribed.getOrDefault(day.toEpochDay(), 0L)));
        }
        return days;
    }

    /** Subscribers whose timestamp {@code column} falls on each UTC day since {@code first}, by epoch day. */
    private Map<Long, Long> perDay(String column, LocalDate first) {
        String day = "FLOOR(EXTRACT(EPOCH FROM " + column + ") / 86400)";
        Map<Long, Long> counts = new LinkedHashMap<>();
        rows.list("SELECT " + day + ", COUNT(*) FROM subscriber WHERE " + column + " >= ? GROUP BY " + day,
                row -> Map.entry(row.getLong(1), row.getLong(2)), first.atStartOfDay(ZoneOffset.UTC).toInstant())
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** Readers with hard bounces, the latest first, each with the error of their last failed email. */
    private List<AdminStats.Bounce> recentBounces() {
        return rows.list("""
                SELECT s.id, s.email, s.status, s.hard_bounces, s.last_bounce_at,
                       (SELECT o.last_error FROM outbox o WHERE o.subscriber_id = s.id AND o.status = 'FAILED'
                        ORDER BY o.id DESC LIMIT 1) AS last_error
                FROM subscriber s WHERE s.last_bounce_at IS NOT NULL
                ORDER BY s.last_bounce_at DESC, s.id DESC LIMIT ?""",
                row -> new AdminStats.Bounce(row.getLong("id"), row.getString("email"),
                        row.getString("status").toLowerCase(Locale.ROOT), row.getInt("hard_bounces"),
                        Rows.instant(row, "last_bounce_at"), row.getString("last_error")), BOUNCES_LISTED);
    }

    private static List<String> labels(Enum<?>[] states) {
        return Arrays.stream(states).map(state -> state.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** Every known state in order with its count, zero when absent; a state found but not known is kept too. */
    private static Map<String, Long> withEvery(List<String> states, Map<String, Long> found) {
        Map<String, Long> all = new LinkedHashMap<>();
        states.forEach(state -> all.put(state, 0L));
        found.forEach((state, count) -> all.put(state.toLowerCase(Locale.ROOT), count));
        return all;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
