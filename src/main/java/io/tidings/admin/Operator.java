package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Set;

/**
 * A person who runs the service, with a role and (once they have set one) an Argon2id password hash.
 * {@code mayReadAddresses}: a viewer an owner allowed to see readers' addresses.
 */
@MappedEntity("operator")
record Operator(@Id @GeneratedValue @Nullable Long id, String email, String name, Rights.Role role,
                @Nullable String passwordHash, Instant createdAt, @Nullable Instant disabledAt,
                boolean mayReadAddresses) {

    boolean active() {
        return disabledAt == null;
    }

    Set<String> rights() {
        return active() ? role.rights(mayReadAddresses) : Set.of();
    }
}
