package io.tidings.subscription;

import io.micronaut.context.event.ApplicationEventListener;
import io.tidings.delivery.MessagesRefused;
import io.tidings.mail.BounceType;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts the relay's refusals that are the reader's doing, in the transaction that recorded them: an
 * address that does not exist at the first, anything else the reader's side refused at a threshold.
 * Refusals of the sender or of the message count against nobody.
 */
@Singleton
class BounceCounts implements ApplicationEventListener<MessagesRefused> {

    private final SubscriberRepository subscribers;
    private final BounceConfig config;

    BounceCounts(SubscriberRepository subscribers, BounceConfig config) {
        this.subscribers = subscribers;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(MessagesRefused refused) {
        count(refused, BounceType.HARD, config.unknownUserThreshold(), refused.at());
        count(refused, BounceType.SOFT, config.threshold(), refused.at());
    }

    private void count(MessagesRefused refused, BounceType type, int threshold, Instant at) {
        Set<Long> subscriberIds = refused.refusals().stream()
                .filter(refusal -> refusal.subscriberId() != null && refusal.diagnosis().type() == type)
                .map(MessagesRefused.Refusal::subscriberId)
                .collect(Collectors.toSet());
        if (!subscriberIds.isEmpty()) {
            subscribers.countHardBounce(subscriberIds, threshold, at);
        }
    }
}
