package io.tidings.subscription;

import io.tidings.core.InvalidInputException;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the way back may do to a reader, for the bounce package, inside its transaction: find the
 * reader an address names, count a bounce, mark them bounced, and act on their complaint.
 */
@Singleton
public class ReaderBounces {

    private final SubscriberRepository subscribers;
    private final ConsentEventRepository consents;
    private final SuppressedAddressRepository suppressed;
    private final Erasures erasures;
    private final Outbox outbox;
    private final SubscriptionMetrics metrics;

    ReaderBounces(SubscriberRepository subscribers, ConsentEventRepository consents, SuppressedAddressRepository suppressed,
                  Erasures erasures, Outbox outbox, SubscriptionMetrics metrics) {
        this.subscribers = subscribers;
        this.consents = consents;
        this.suppressed = suppressed;
        this.erasures = erasures;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** The reader with this address, however it is spelled; nobody for what is no address. */
    public Optional<Long> readerOf(String address) {
        try {
            return subscribers.findByEmailKey(EmailAddress.parse(address).key()).map(Subscriber::id);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** A bounce that says the address is dead: counted, and the reader BOUNCED at {@code threshold} of them. */
    public void hardBounced(long subscriberId, int threshold, Instant at) {
        subscribers.countHardBounce(List.of(subscriberId), threshold, at);
    }

    /** A temporary bounce, which the caller counts. */
    public void softBounced(long subscriberId, Instant at) {
        subscribers.updateLastBounceAt(subscriberId, at);
    }

    /** The reader, if still mailed, is mailed no more; true if they were. */
    public boolean bounce(long subscriberId, Instant at) {
        return subscribers.bounce(subscriberId, at) == 1;
    }

    /**
     * The reader reported our mail as spam: unsubscribed at once with a consent record that says so,
     * their queued mail suppressed, and the address kept on the suppression list that no import can
     * undo (only the reader's own new opt-in, {@link ConfirmationService}).
     *
     * @param evidence where the complaint came from ({@code "feedback report (mailbox)"})
     */
    public void complained(long subscriberId, String evidence, Instant at) {
        subscribers.lockById(subscriberId).ifPresent(reader -> {
            if (reader.status() != SubscriberStatus.UNSUBSCRIBED) {
                consents.save(new ConsentEvent(null, subscriberId, ConsentKind.UNSUBSCRIBED, Source.COMPLAINT, null, null,
                        null, at, evidence));
                subscribers.update(reader.unsubscribed(at));
                metrics.unsubscribed(Source.COMPLAINT);
            }
            outbox.suppressPendingFor(subscriberId);
            suppressed.suppress(erasures.hash(reader.emailKey()), "complaint", at);
        });
    }
}
