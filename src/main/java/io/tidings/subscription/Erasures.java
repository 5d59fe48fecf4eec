package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.TokenSigner;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The right to erasure: a subscriber's personal data and emails are deleted, and only a keyed hash
 * of the address stays, so that an import cannot re-add it without the reader's own new opt-in. The
 * addresses of readers who complained are kept the same way, on the suppression list.
 */
@Singleton
public class Erasures {

    private static final String PURPOSE = "erased-address";
    private final SubscriberRepository subscribers;
    private final ConsentEventRepository consents;
    private final ErasedAddressRepository erased;
    private final SuppressedAddressRepository suppressed;
    private final Outbox outbox;
    private final ImportJobRepository imports;
    private final TokenSigner signer;
    private final Clock clock;

    Erasures(SubscriberRepository subscribers, ConsentEventRepository consents, ErasedAddressRepository erased,
             SuppressedAddressRepository suppressed, Outbox outbox, ImportJobRepository imports, TokenSigner signer, Clock clock) {
        this.subscribers = subscribers;
        this.consents = consents;
        this.imports = imports;
        this.erased = erased;
        this.suppressed = suppressed;
        this.outbox = outbox;
        this.signer = signer;
        this.clock = clock;
    }

    /** Erases a subscriber; false when there is none with that id. */
    @Transactional
    public boolean erase(long subscriberId) {
        return subscribers.lockById(subscriberId).map(subscriber -> {
            erased.remember(hash(subscriber.emailKey()), clock.instant());
            outbox.forget(List.of(subscriberId));
            imports.forgetRejected(subscriber.emailKey());
            // Consent records keep no foreign key (V30); topics go by V29's trigger, confirmations by ON DELETE CASCADE.
            consents.forget(List.of(subscriberId));
            subscribers.deleteById(subscriberId);
            return true;
        }).orElse(false);
    }

    /** Whether the address was erased and has not opted in again since. */
    @Transactional(readOnly = true)
    public boolean wasErased(EmailAddress address) {
        return erased.count(hash(address.key())) > 0;
    }

    /** Whether the address's reader complained (see {@link ReaderBounces#complained}) and has not opted in again since. */
    boolean wasSuppressed(EmailAddress address) {
        return suppressed.count(hash(address.key())) > 0;
    }

    /** Of the addresses (by {@link EmailAddress#key()}), those erased and those suppressed, as {@link #wasErased} and {@link #wasSuppressed} say one by one. */
    record Barred(Set<String> erased, Set<String> suppressed) {
    }

    /** @param keysByHash the addresses' keys by their {@link #hash}, worked out before the transaction */
    Barred barred(Map<String, String> keysByHash) {
        return new Barred(erased.present(keysByHash.keySet()).stream().map(keysByHash::get).collect(Collectors.toSet()),
                suppressed.present(keysByHash.keySet()).stream().map(keysByHash::get).collect(Collectors.toSet()));
    }

    /** The reader opted in again by themselves: the address is theirs to use once more, erased or suppressed. */
    void optedInAgain(String emailKey) {
        erased.forget(hash(emailKey));
        suppressed.forget(hash(emailKey));
    }

    /** The keyed hash that stands for an address on the lists of addresses no import may add. */
    String hash(String emailKey) {
        return signer.sign(PURPOSE, emailKey);
    }
}
