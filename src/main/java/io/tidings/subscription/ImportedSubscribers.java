package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** Adds one imported reader in its own transaction, so one bad row never undoes the others. */
@Singleton
class ImportedSubscribers {

    private final Subscribers subscribers;
    private final Erasures erasures;
    private final Clock clock;

    ImportedSubscribers(Subscribers subscribers, Erasures erasures, Clock clock) {
        this.subscribers = subscribers;
        this.erasures = erasures;
        this.clock = clock;
    }

    /** Null when the reader was added; otherwise why not, and whether that is a mere skip. */
    record Refused(boolean skipped, String reason) {
    }

    static final Refused ERASED = new Refused(false,
            "this address was erased at the reader's request: only their own new opt-in can add it");
    static final Refused SUPPRESSED = new Refused(false,
            "this reader reported the newsletter as spam: only their own new opt-in can add the address");

    /** Why a reader already here is not imported again; null for one still pending, whom an import confirms. */
    static Refused refusal(SubscriberStatus status) {
        return switch (status) {
            case CONFIRMED -> new Refused(true, "already subscribed");
            case UNSUBSCRIBED, BOUNCED -> new Refused(false, "this address is " + status.name().toLowerCase()
                    + " here: an import cannot add it again");
            default -> null;
        };
    }

    @Transactional
    Refused add(NewSubscription wanted, String evidence, Instant consentedAt) {
        if (erasures.wasErased(wanted.email())) {
            return ERASED;
        }
        if (erasures.wasSuppressed(wanted.email())) {
            return SUPPRESSED;
        }
        Subscribers.Locked locked = subscribers.lockOrCreate(wanted, clock.instant());
        Refused refused = refusal(locked.subscriber().status());
        if (refused != null) {
            return refused;
        }
        subscribers.importConfirmed(locked.subscriber(), wanted, evidence, consentedAt);
        return null;
    }
}
