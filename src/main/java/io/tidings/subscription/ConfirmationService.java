package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.SiteConfig;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The second half of double opt-in: the link from the email, checked and then used. */
@Singleton
public class ConfirmationService {

    private final ConfirmationRepository confirmations;
    private final Subscribers subscribers;
    private final Erasures erasures;
    private final SiteConfig site;
    private final SubscriptionMetrics metrics;
    private final Clock clock;

    ConfirmationService(ConfirmationRepository confirmations, Subscribers subscribers, Erasures erasures,
                        SiteConfig site, SubscriptionMetrics metrics, Clock clock) {
        this.confirmations = confirmations;
        this.subscribers = subscribers;
        this.erasures = erasures;
        this.site = site;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether a confirmation link still works; changes nothing (link scanners fetch it). */
    @Transactional(readOnly = true)
    public void check(String token) {
        usable(confirmations.findByTokenHash(hash(token)));
    }

    /** Confirms the request behind the link and records the reader's consent. */
    @Transactional
    public Confirmed confirm(String token, RequestOrigin origin) {
        Confirmation confirmation = usable(confirmations.lockByTokenHash(hash(token)));
        Instant now = clock.instant();
        Subscriber subscriber;
        if (confirmation.newEmail() != null) {
            subscriber = subscribers.moveAddress(confirmation, origin, now);
        } else {
            subscriber = subscribers.confirm(confirmation, origin, site.privacyPolicyVersion(), now);
            erasures.optedInAgain(subscriber.emailKey());
            metrics.confirmed(confirmation.source());
        }
        confirmations.useAllOf(subscriber.id(), now);
        return new Confirmed(subscriber.email(), subscriber.uid());
    }

    /** What the confirmed page shows: the address, and whose manage link to offer. */
    public record Confirmed(String email, String subscriberUid) {
    }

    private Confirmation usable(Optional<Confirmation> found) {
        Confirmation confirmation = found.orElseThrow(() -> new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN));
        if (confirmation.usedAt() != null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.USED);
        }
        if (!clock.instant().isBefore(confirmation.expiresAt())) {
            throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED);
        }
        return confirmation;
    }

    private static String hash(String token) {
        return Tokens.sha256(token == null ? "" : token);
    }
}
