package io.tidings.subscription;

import io.tidings.core.TokenSigner;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

/**
 * A subscriber's long-lived token for the unsubscribe and preferences links. It is derived from
 * the subscriber's random uid with the server key, so every email can carry it while the
 * database holds only its SHA-256 hash.
 */
@Singleton
public class ManageTokens {

    private static final String PURPOSE = "manage";
    private final TokenSigner signer;

    ManageTokens(TokenSigner signer) {
        this.signer = signer;
    }

    public String tokenFor(String subscriberUid) {
        return signer.sign(PURPOSE, subscriberUid);
    }

    String hashFor(String subscriberUid) {
        return Tokens.sha256(tokenFor(subscriberUid));
    }
}
