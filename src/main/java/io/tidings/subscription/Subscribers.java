package io.tidings.subscription;

import io.tidings.core.ConflictException;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Subscriber state changes, each with its consent evidence; callers hold the transaction. */
@Singleton
class Subscribers {

    private final SubscriberRepository subscribers;
    private final SubscriberTopicRepository topics;
    private final ConsentEventRepository consents;
    private final ManageTokens manageTokens;
    private final SubscriptionMetrics metrics;

    Subscribers(SubscriberRepository subscribers, SubscriberTopicRepository topics, ConsentEventRepository consents,
                ManageTokens manageTokens, SubscriptionMetrics metrics) {
        this.subscribers = subscribers;
        this.topics = topics;
        this.consents = consents;
        this.manageTokens = manageTokens;
        this.metrics = metrics;
    }

    /** A subscriber locked until the transaction ends, and whether this request created it. */
    record Locked(Subscriber subscriber, boolean created) {
    }

    /** The subscriber for the address, created pending if new. */
    Locked lockOrCreate(NewSubscription wanted, Instant now) {
        String uid = UUID.randomUUID().toString().replace("-", "");
        boolean created = subscribers.insertIfAbsent(uid, wanted.email().value(), wanted.email().key(), wanted.name(),
                wanted.frequency(), manageTokens.hashFor(uid), now) == 1;
        Subscriber subscriber = subscribers.lockByEmailKey(wanted.email().key())
                .orElseThrow(() -> new IllegalStateException("subscriber vanished inside its transaction"));
        return new Locked(subscriber, created);
    }

    /**
     * Confirms a subscriber whose consent was given elsewhere, as an operator's import says, keeping
     * where and when in the consent record.
     */
    Subscriber importConfirmed(Subscriber current, NewSubscription wanted, String evidence, Instant consentedAt) {
        Subscriber confirmed = subscribers.update(current.confirmed(wanted.name(), wanted.frequency(), consentedAt));
        topics.replace(current.id(), wanted.topics());
        consents.save(new ConsentEvent(null, current.id(), ConsentKind.IMPORTED, Source.IMPORT, null, null, null,
                consentedAt, evidence));
        return confirmed;
    }

    /** Applies what the confirmed request asked for and records consent. */
    Subscriber confirm(Confirmation request, RequestOrigin origin, String policyVersion, Instant now) {
        Subscriber current = subscribers.lockById(request.subscriberId()).orElseThrow();
        Subscriber confirmed = subscribers.update(current.confirmed(request.name(), request.frequency(), now));
        topics.replace(current.id(), SubscriptionService.splitTopics(request.topics()));
        record(current.id(), ConsentKind.CONFIRMED, request.source(), policyVersion, origin, now);
        return confirmed;
    }

    /**
     * Moves a subscription to the address its confirmation names, which has just proved it is the
     * reader's. Another subscriber's address is refused.
     */
    Subscriber moveAddress(Confirmation request, RequestOrigin origin, Instant now) {
        EmailAddress address = EmailAddress.parse(request.newEmail());
        Subscriber current = subscribers.lockById(request.subscriberId()).orElseThrow();
        subscribers.findByEmailKey(address.key())
                .filter(other -> !other.id().equals(current.id()))
                .ifPresent(other -> {
                    throw new ConflictException("That address already receives the newsletter, "
                            + "so this subscription cannot move to it.");
                });
        subscribers.updateEmail(current.id(), address.value(), address.key());
        record(current.id(), ConsentKind.ADDRESS_CHANGED, request.source(), null, origin, now);
        return subscribers.findById(current.id()).orElseThrow();
    }

    Optional<Subscriber> lock(long id) {
        return subscribers.lockById(id);
    }

    Optional<Subscriber> findByManageToken(String token) {
        return subscribers.findByManageTokenHash(manageTokenHash(token));
    }

    /** The holder of a manage token, locked until the transaction ends. */
    Optional<Subscriber> lockByManageToken(String token) {
        return subscribers.lockByManageTokenHash(manageTokenHash(token));
    }

    /** Unsubscribes the holder of a manage token; unknown tokens give nothing. */
    Optional<Subscriber> unsubscribe(String token, RequestOrigin origin, Instant now) {
        return subscribers.lockByManageTokenHash(manageTokenHash(token)).map(current -> {
            if (current.status() == SubscriberStatus.UNSUBSCRIBED) {
                return current;
            }
            record(current.id(), ConsentKind.UNSUBSCRIBED, origin.source(), null, origin, now);
            metrics.unsubscribed(origin.source());
            return subscribers.update(current.unsubscribed(now));
        });
    }

    private void record(long subscriberId, ConsentKind kind, Source source, String policyVersion, RequestOrigin origin,
                        Instant now) {
        consents.save(new ConsentEvent(null, subscriberId, kind, source, policyVersion, origin.clientAddress(),
                origin.userAgent(), now, null));
    }

    private static String manageTokenHash(String token) {
        return Tokens.sha256(token == null ? "" : token);
    }
}
