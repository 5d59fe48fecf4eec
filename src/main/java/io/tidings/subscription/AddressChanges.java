package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.core.Tokens;
import io.tidings.web.TooManyRequestsException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A reader's request to move their subscription to another address: nothing changes until the new
 * address confirms by its own link (double opt-in), which {@link ConfirmationService} applies.
 */
@Singleton
class AddressChanges {

    private final PreferencesService preferences;
    private final ConfirmationRepository confirmations;
    private final AddressChangeMails mails;
    private final SubscriptionConfig config;
    private final Clock clock;

    AddressChanges(PreferencesService preferences, ConfirmationRepository confirmations, AddressChangeMails mails,
                   SubscriptionConfig config, Clock clock) {
        this.preferences = preferences;
        this.confirmations = confirmations;
        this.mails = mails;
        this.config = config;
        this.clock = clock;
    }

    /** Queues the confirmation email to the new address; returns the address as it will be used. */
    @Transactional
    String request(String token, String newEmail, RequestOrigin origin) {
        Subscriber subscriber = preferences.holder(token);
        EmailAddress address = EmailAddress.parse(newEmail);
        if (address.key().equals(subscriber.emailKey())) {
            throw InvalidInputException.of("email", "is already the address of this subscription");
        }
        Instant now = clock.instant();
        // The same daily cap as confirmations: the new address is someone's inbox too.
        if (confirmations.countBySubscriberIdAndCreatedAtGreaterThan(subscriber.id(), now.minus(Duration.ofDays(1)))
                >= config.confirmationsPerAddressDay()) {
            throw new TooManyRequestsException("Too many address changes today. Please try again tomorrow.");
        }
        String linkToken = Tokens.random();
        confirmations.save(new Confirmation(null, subscriber.id(), Tokens.sha256(linkToken), subscriber.name(),
                subscriber.frequency(), "", origin.source(), now, now.plus(config.confirmationTtl()), null,
                address.value()));
        mails.queue(subscriber.id(), address.value(), subscriber.name(), linkToken);
        return address.value();
    }
}
