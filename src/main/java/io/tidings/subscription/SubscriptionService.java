package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The first half of double opt-in: a request records what the reader asked for and queues a
 * confirmation email ({@link ConfirmationService} applies it). Every request for an address gets
 * the same answer, whatever the address's state, so the API tells nobody who is subscribed.
 */
@Singleton
public class SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriptionRules rules;
    private final SubscriptionConfig config;
    private final Subscribers subscribers;
    private final ConfirmationRepository confirmations;
    private final ConfirmationMails mails;
    private final SubscriptionMetrics metrics;
    private final Clock clock;

    SubscriptionService(SubscriptionRules rules, SubscriptionConfig config, Subscribers subscribers,
                        ConfirmationRepository confirmations, ConfirmationMails mails, SubscriptionMetrics metrics,
                        Clock clock) {
        this.rules = rules;
        this.config = config;
        this.subscribers = subscribers;
        this.confirmations = confirmations;
        this.mails = mails;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Checks the request, then stores it and queues a confirmation where the caps allow one. */
    @Transactional
    public void subscribe(SubscriptionRequest request, RequestOrigin origin) {
        if (request.honeypotFilled()) {
            LOG.debug("Honeypot filled by {}; request dropped", origin.clientAddress());
            metrics.subscription(SubscriptionMetrics.Outcome.HONEYPOT);
            return;
        }
        NewSubscription wanted;
        try {
            wanted = rules.check(request);
        } catch (InvalidInputException e) {
            metrics.subscription(SubscriptionMetrics.Outcome.INVALID);
            throw e;
        }
        Instant now = clock.instant();
        Subscribers.Locked locked = subscribers.lockOrCreate(wanted, now);
        Subscriber subscriber = locked.subscriber();
        boolean optInNeeded = subscriber.status() == SubscriberStatus.PENDING
                || subscriber.status() == SubscriberStatus.UNSUBSCRIBED;
        // A new address has had no confirmation yet, so only a known one is counted against the caps.
        if (!optInNeeded) {
            metrics.subscription(SubscriptionMetrics.Outcome.ALREADY_CONFIRMED);
            return;
        }
        if (!locked.created() && capReached(subscriber.id(), now)) {
            metrics.subscription(SubscriptionMetrics.Outcome.CAPPED);
            return;
        }
        String token = Tokens.random();
        confirmations.save(new Confirmation(null, subscriber.id(), Tokens.sha256(token), wanted.name(),
                wanted.frequency(), String.join(";", wanted.topics()), origin.source(), now,
                now.plus(config.confirmationTtl()), null, null));
        mails.queue(subscriber, wanted.name(), token);
        metrics.subscription(SubscriptionMetrics.Outcome.CONFIRMATION_QUEUED);
    }

    /** What an operator's "resend the confirmation" did. */
    public enum Resent { QUEUED, NOT_PENDING, CAPPED }

    /**
     * Queues a new confirmation email for a reader who never confirmed, for what they last asked for, within
     * the same per-address caps as a new request; the older links keep working until they expire.
     */
    @Transactional
    public Resent resendConfirmation(long subscriberId) {
        Subscriber subscriber = subscribers.lock(subscriberId)
                .orElseThrow(() -> new NotFoundException("There is no reader " + subscriberId + "."));
        if (subscriber.status() != SubscriberStatus.PENDING) {
            return Resent.NOT_PENDING;
        }
        Instant now = clock.instant();
        if (capReached(subscriberId, now)) {
            return Resent.CAPPED;
        }
        Confirmation asked = confirmations.latestOf(subscriberId).orElseGet(() -> new Confirmation(null, subscriberId, "",
                subscriber.name(), subscriber.frequency(), "", Source.OPERATOR, now, now, null, null));
        String token = Tokens.random();
        confirmations.save(new Confirmation(null, subscriberId, Tokens.sha256(token), asked.name(), asked.frequency(),
                asked.topics(), asked.source(), now, now.plus(config.confirmationTtl()), null, null));
        mails.queue(subscriber, asked.name(), token);
        return Resent.QUEUED;
    }

    private boolean capReached(long subscriberId, Instant now) {
        return sentSince(subscriberId, now.minus(config.confirmationsShortWindow())) >= config.confirmationsPerAddressShort()
                || sentSince(subscriberId, now.minus(Duration.ofDays(1))) >= config.confirmationsPerAddressDay();
    }

    private long sentSince(long subscriberId, Instant since) {
        return confirmations.countBySubscriberIdAndCreatedAtGreaterThan(subscriberId, since);
    }

    static List<String> splitTopics(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(";"));
    }

    public List<String> topics() {
        return rules.topics();
    }
}
