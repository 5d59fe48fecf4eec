package io.tidings.bounce;

import io.tidings.delivery.Outbox;
import io.tidings.mail.BounceType;
import io.tidings.subscription.ReaderBounces;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * What a stored report does to its reader. Hard: BOUNCED at the {@code hardThreshold}-th (the first,
 * by default). Soft: BOUNCED at the {@code softThreshold}-th within {@code softWindow} with no
 * delivery between them, where a delivery is a message to the reader that the relay accepted and that
 * no bounce has come back for; the soft bounces counted are those received since the last such
 * message was sent. Complaint: unsubscribed, queued mail suppressed, the address on the suppression
 * list. Blocked and message: the sender's or the message's doing, never held against the reader.
 */
@Singleton
class BounceActions {

    private final ReaderBounces readers;
    private final BounceRepository bounces;
    private final Outbox outbox;
    private final BounceConfig config;

    BounceActions(ReaderBounces readers, BounceRepository bounces, Outbox outbox, BounceConfig config) {
        this.readers = readers;
        this.bounces = bounces;
        this.outbox = outbox;
        this.config = config;
    }

    void act(long subscriberId, BounceType type, Source source, Instant at) {
        switch (type) {
            case HARD -> readers.hardBounced(subscriberId, config.hard(), at);
            case SOFT -> {
                readers.softBounced(subscriberId, at);
                if (softInARow(subscriberId, at) >= config.soft()) {
                    readers.bounce(subscriberId, at);
                }
            }
            case COMPLAINT -> readers.complained(subscriberId, "complaint (" + source.label() + ")", at);
            case BLOCKED, MESSAGE, AUTO_REPLY -> {
                // About the sender, the message, or nothing: the reader stays as they are.
            }
        }
    }

    /** Whether the reader's bounces that no operator undid would stop their mail as of {@code at}. */
    boolean wouldBounce(long subscriberId, Instant at) {
        return bounces.countHardNotRestored(subscriberId) >= config.hard() || softInARow(subscriberId, at) >= config.soft();
    }

    /** The reader's soft bounces in the window since their last delivery. */
    private long softInARow(long subscriberId, Instant at) {
        Instant windowStart = at.minus(config.softWindow());
        Instant since = outbox.lastDeliveredTo(subscriberId, windowStart, bounces.bouncedMessages(subscriberId, windowStart))
                .filter(delivered -> delivered.isAfter(windowStart))
                .orElse(windowStart);
        return bounces.countSoft(subscriberId, since);
    }
}
