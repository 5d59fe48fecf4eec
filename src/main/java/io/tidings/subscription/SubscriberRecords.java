package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What operators may read of subscribers, for the admin package: never a token or a token hash. */
public interface SubscriberRecords {

    /** One subscriber as an operator lists it; {@code topics} empty means every topic. */
    record Summary(long id, String email, @Nullable String name, SubscriberStatus status, Frequency frequency,
                   List<String> topics, Instant createdAt, @Nullable Instant confirmedAt,
                   @Nullable Instant unsubscribedAt, @Nullable Instant pausedUntil, int hardBounces,
                   @Nullable Instant lastBounceAt) {
    }

    record Page(List<Summary> items, long total) {
    }

    /** A consent given or withdrawn. */
    record Consent(ConsentKind kind, Source source, @Nullable String policyVersion, Instant recordedAt) {
    }

    /**
     * Which subscribers a list keeps.
     *
     * @param status    a state to keep, or null for all
     * @param frequency a frequency to keep, or null for all
     * @param topic     a topic the subscriber gets (chose, or chose no topic), or '' for all
     * @param text      text the address or name contains, in any case, or null
     */
    record Filter(@Nullable SubscriberStatus status, @Nullable Frequency frequency, String topic, @Nullable String text) {
    }

    /** Subscribers newest first, {@code size} from {@code offset}, and how many the filter keeps. */
    Page list(Filter filter, int size, long offset);

    /** The next {@code size} subscribers the filter keeps that are older than {@code beforeId}, newest first; no count. */
    List<Summary> before(Filter filter, long beforeId, int size);

    Optional<Summary> find(long id);

    /** When and how the subscriber agreed, or withdrew, oldest first. */
    List<Consent> consentsOf(long id);

    Map<SubscriberStatus, Long> countsByStatus();

    /** Confirmed subscribers by each topic they chose, in topic order. */
    Map<String, Long> confirmedByTopic();

    /** Confirmed subscribers who chose no topic, and so get every one. */
    long confirmedWithEveryTopic();

    /** Subscribers who confirmed on each UTC day from {@code first} on; days without any are absent. */
    Map<LocalDate, Long> confirmedPerDay(LocalDate first);

    /** Subscribers who unsubscribed on each UTC day from {@code first} on; days without any are absent. */
    Map<LocalDate, Long> unsubscribedPerDay(LocalDate first);

    /** Subscribers with hard bounces, the latest bounce first. */
    List<Summary> latestBounced(int limit);
}
