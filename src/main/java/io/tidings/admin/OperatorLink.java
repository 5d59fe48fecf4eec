package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A single-use link that lets its holder set a password: the first owner's set-up link, an invitation,
 * a password reset.
 *
 * @param tokenHash SHA-256 of the random token in the link
 * @param email     the address the link was made for; null for the set-up link, which names nobody yet
 * @param role      the role an invitation gives
 */
@MappedEntity("operator_link")
record OperatorLink(@Id String tokenHash, Purpose purpose, @Nullable String email, @Nullable Rights.Role role,
                    Instant createdAt, Instant expiresAt, @Nullable Instant usedAt) {

    enum Purpose { SETUP, INVITATION, PASSWORD_RESET }
}
