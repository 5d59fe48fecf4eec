package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a reader changes from the preferences page their emails link to. */
@Singleton
class PreferencesService {

    static final List<Integer> PAUSE_WEEKS = List.of(1, 2, 4, 8, 12);
    private final Subscribers subscribers;
    private final SubscriberRepository rows;
    private final SubscriberTopicRepository topics;
    private final SubscriptionRules rules;
    private final Clock clock;

    PreferencesService(Subscribers subscribers, SubscriberRepository rows, SubscriberTopicRepository topics,
                       SubscriptionRules rules, Clock clock) {
        this.subscribers = subscribers;
        this.rows = rows;
        this.topics = topics;
        this.rules = rules;
        this.clock = clock;
    }

    /** The subscriber a manage token belongs to; an unknown token is an invalid link. */
    Subscriber holder(String token) {
        return subscribers.findByManageToken(token)
                .orElseThrow(() -> new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN));
    }

    List<String> topicsOf(Subscriber subscriber) {
        return topics.topicsOf(subscriber.id());
    }

    List<String> offeredTopics() {
        return rules.topics();
    }

    @Transactional
    void save(String token, List<String> chosen, String frequency) {
        // Locked before its topics are written: topic rows keep no foreign key (V30), and an erasure
        // between here and the commit would otherwise leave them behind.
        Subscriber subscriber = subscribers.lockByManageToken(token)
                .orElseThrow(() -> new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN));
        topics.replace(subscriber.id(), rules.topics(chosen));
        rows.updateFrequency(subscriber.id(), Frequency.parse(frequency));
    }

    /** Holds digests back for a number of weeks; editions made meanwhile pass the reader by. */
    @Transactional
    void pause(String token, int weeks) {
        if (!PAUSE_WEEKS.contains(weeks)) {
            throw InvalidInputException.of("weeks", "must be one of " + PAUSE_WEEKS);
        }
        rows.updatePausedUntil(holder(token).id(), clock.instant().plus(Duration.ofDays(7L * weeks)));
    }

    /** When a pause in force ends; null when the reader is not paused. */
    @Nullable
    Instant pausedUntil(Subscriber subscriber) {
        Instant until = subscriber.pausedUntil();
        return until != null && until.isAfter(clock.instant()) ? until : null;
    }

    @Transactional
    void resume(String token) {
        rows.updatePausedUntil(holder(token).id(), null);
    }
}
