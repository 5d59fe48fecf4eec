package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Leaving, from the link or the one-click header in every email: at once, no questions. */
@Singleton
public class UnsubscribeService {

    private final Subscribers subscribers;
    private final Outbox outbox;
    private final Clock clock;

    UnsubscribeService(Subscribers subscribers, Outbox outbox, Clock clock) {
        this.subscribers = subscribers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Whether a manage link is known; changes nothing. */
    @Transactional(readOnly = true)
    public void check(String token) {
        if (subscribers.findByManageToken(token).isEmpty()) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN);
        }
    }

    /** Unsubscribes and withholds whatever was still queued for the reader. */
    @Transactional
    public void unsubscribe(String token, RequestOrigin origin) {
        Subscriber subscriber = subscribers.unsubscribe(token, origin, clock.instant())
                .orElseThrow(() -> new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN));
        outbox.suppressPendingFor(subscriber.id());
    }
}
