package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.core.Refusal;
import io.tidings.core.Tokens;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys: 256 random bits, kept as their SHA-256. A key holds its scopes only while its creator
 * holds them (a key made with ADMIN_TOKEN, which holds every right, keeps its scopes).
 */
@Singleton
class ApiKeys {

    private static final Duration RECORD_USE_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApiKeyRepository keys;
    private final OperatorRepository operators;
    private final Clock clock;

    ApiKeys(ApiKeyRepository keys, OperatorRepository operators, Clock clock) {
        this.keys = keys;
        this.operators = operators;
        this.clock = clock;
    }

    /** A key just made, with the secret that is shown this once. */
    record Created(ApiKey key, String secret) {
    }

    /**
     * A new key for the caller: 422 for a missing or long name, no scopes or an unknown one; 403 for a
     * scope the caller does not hold. Its creator is the caller's operator (none for ADMIN_TOKEN).
     */
    Created create(@Nullable String name, @Nullable Collection<String> scopes, Caller caller) {
        String named = name == null ? "" : name.strip();
        if (named.isEmpty() || named.length() > 200) {
            throw InvalidInputException.of("name", "is required, at most 200 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw InvalidInputException.of("scopes", "name at least one of " + new TreeSet<>(Rights.ALL));
        }
        if (!Rights.ALL.containsAll(scopes)) {
            throw InvalidInputException.of("scopes", "may only name " + new TreeSet<>(Rights.ALL));
        }
        Set<String> beyond = new TreeSet<>(scopes);
        beyond.removeAll(caller.rights());
        if (!beyond.isEmpty()) {
            throw new BeyondCreator(beyond);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Tokens.urlSafe(bytes);
        ApiKey key = keys.save(new ApiKey(null, named, Tokens.sha256(secret), String.join(" ", new TreeSet<>(scopes)),
                caller.operatorId(), clock.instant(), null));
        return new Created(key, secret);
    }

    List<ApiKey> all() {
        return keys.findAllOrderById();
    }

    /** Deletes the key: its next request is refused. 404 when there is no such key. */
    void revoke(long id) {
        if (!keys.existsById(id)) {
            throw new NotFoundException("no API key " + id);
        }
        keys.deleteById(id);
    }

    /** The caller a presented key stands for, when it is a key and its creator is still active. */
    Optional<Caller> caller(String presented) {
        return keys.findByKeyHash(Tokens.sha256(presented)).flatMap(key -> {
            Set<String> rights = new HashSet<>(scopes(key));
            if (key.createdBy() != null) {
                rights.retainAll(operators.findById(key.createdBy()).map(Operator::rights).orElse(Set.of()));
            }
            Instant now = clock.instant();
            if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(RECORD_USE_EVERY))) {
                keys.used(key.id(), now, now.minus(RECORD_USE_EVERY));
            }
            return rights.isEmpty() ? Optional.empty() : Optional.of(new Caller(key.createdBy(), key.id(), Set.copyOf(rights)));
        });
    }

    static Set<String> scopes(ApiKey key) {
        return Set.copyOf(Arrays.asList(key.scopes().split(" ")));
    }

    /** A key asked for rights its creator does not hold. */
    static final class BeyondCreator extends Refusal {

        BeyondCreator(Set<String> beyond) {
            super(Kind.FORBIDDEN, "a key cannot have rights its creator lacks: " + String.join(", ", beyond));
        }
    }
}
