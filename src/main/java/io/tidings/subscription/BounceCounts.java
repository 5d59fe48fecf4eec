package io.tidings.subscription;

import io.micronaut.context.event.ApplicationEventListener;
import io.tidings.delivery.HardBounces;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Set;

/** Counts hard bounces on subscribers, in the transaction that recorded them; at a threshold one still mailed is BOUNCED. */
@Singleton
class BounceCounts implements ApplicationEventListener<HardBounces> {

    private final SubscriberRepository subscribers;
    private final BounceConfig config;

    BounceCounts(SubscriberRepository subscribers, BounceConfig config) {
        this.subscribers = subscribers;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(HardBounces bounces) {
        count(bounces.unknownUser(), config.unknownUserThreshold(), bounces.at());
        count(bounces.other(), config.threshold(), bounces.at());
    }

    private void count(Set<Long> subscriberIds, int threshold, Instant at) {
        if (!subscriberIds.isEmpty()) {
            subscribers.countHardBounce(subscriberIds, threshold, at);
        }
    }
}
