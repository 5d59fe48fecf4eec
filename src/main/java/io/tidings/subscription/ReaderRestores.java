package io.tidings.subscription;

import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Undoing bounces, for the bounce package inside its transaction: a reader whose mail bounces had
 * stopped gets it again, with a consent record that says who did it and why.
 */
@Singleton
public class ReaderRestores {

    private final SubscriberRepository subscribers;
    private final ConsentEventRepository consents;

    ReaderRestores(SubscriberRepository subscribers, ConsentEventRepository consents) {
        this.subscribers = subscribers;
        this.consents = consents;
    }

    /**
     * The reader goes back to CONFIRMED if bounces are what stopped them and they had confirmed; never
     * one who unsubscribed or complained since (they are no longer BOUNCED), nor one erased (gone).
     *
     * @param hardBounces how many of their hard bounces were undone, no longer counted against them
     * @param evidence    what the operator undid ("bounces of edition 12 undone by the operator")
     * @return whether they were restored
     */
    public boolean restore(long subscriberId, int hardBounces, String evidence, Instant at) {
        if (subscribers.restore(subscriberId, hardBounces) != 1) {
            return false;
        }
        consents.save(new ConsentEvent(null, subscriberId, ConsentKind.RESTORED, Source.OPERATOR, null, null, null, at, evidence));
        return true;
    }
}
