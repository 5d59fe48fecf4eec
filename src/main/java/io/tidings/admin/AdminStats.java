package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the operator sees at a glance, for {@code GET /admin/stats} and the overview page.
 *
 * @param subscribers by state (every state listed, zero included), and confirmed readers by topic
 * @param editions    by the operator's state: active, paused, cancelled
 * @param deliveries  every outbox email (confirmations, digests, tests) by delivery state
 * @param recentBounces readers with hard bounces, by address: empty for a caller without subscribers:read
 */
@Serdeable
record AdminStats(Subscribers subscribers, Counts editions, Counts deliveries, List<Day> days, List<Bounce> recentBounces) {

    /** The same numbers for a caller who may not see readers' addresses: no recent bounces, which name them. */
    AdminStats forCaller(Collection<String> rights) {
        return rights.contains(Rights.SUBSCRIBERS_READ) ? this
                : new AdminStats(subscribers, editions, deliveries, days, List.of());
    }

    /**
     * @param byTopic   confirmed readers who chose each topic
     * @param allTopics confirmed readers who chose none, and so get every topic
     */
    @Serdeable
    record Subscribers(long total, Map<String, Long> byState, Map<String, Long> byTopic, long allTopics) {
    }

    @Serdeable
    record Counts(long total, Map<String, Long> byState) {
    }

    /** One UTC day: readers who confirmed, and readers who unsubscribed. */
    @Serdeable
    record Day(LocalDate day, long confirmed, long unsubscribed) {
    }

    /** A reader whose emails bounced, the latest first, with the relay's last permanent answer. */
    @Serdeable
    record Bounce(long subscriberId, String email, String state, int hardBounces, Instant lastBounceAt,
                  @Nullable String lastError) {
    }
}
