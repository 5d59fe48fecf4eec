package io.tidings.admin;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Single-use, expiring links; only their hash is stored, so the database alone opens none. */
@Singleton
class OperatorLinks {

    private final OperatorLinkRepository links;
    private final Clock clock;
    private final Duration ttl;

    OperatorLinks(OperatorLinkRepository links, Clock clock, @Value("${tidings.operator-link-ttl:48h}") Duration ttl) {
        this.links = links;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new link's token, shown to its holder once. */
    String issue(OperatorLink.Purpose purpose) {
        return issue(purpose, null, null);
    }

    /** A new link for one address (and, for an invitation, the role it gives). */
    String issue(OperatorLink.Purpose purpose, @Nullable String email, @Nullable Rights.Role role) {
        String token = Tokens.random();
        Instant now = clock.instant();
        links.save(new OperatorLink(Tokens.sha256(token), purpose, email, role, now, now.plus(ttl), null));
        return token;
    }

    /** The link the token opens, when it is still unused and unexpired (without using it). */
    Optional<OperatorLink> valid(String token, OperatorLink.Purpose purpose) {
        Instant now = clock.instant();
        return Optional.ofNullable(token).flatMap(t -> links.findById(Tokens.sha256(t)))
                .filter(link -> link.purpose() == purpose && link.usedAt() == null && link.expiresAt().isAfter(now));
    }

    /** Uses the link once; false when it was used, expired or unknown (two tabs racing: one wins). */
    boolean use(String token) {
        return token != null && links.use(Tokens.sha256(token), clock.instant()) == 1;
    }
}
