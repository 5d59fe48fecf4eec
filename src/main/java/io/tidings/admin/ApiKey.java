package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A key for scripts; only the SHA-256 of the key is kept.
 *
 * @param scopes    rights separated by spaces
 * @param createdBy the operator who made it, or null when it was made with ADMIN_TOKEN
 */
@MappedEntity("api_key")
record ApiKey(@Id @GeneratedValue @Nullable Long id, String name, String keyHash, String scopes,
              @Nullable Long createdBy, Instant createdAt, @Nullable Instant lastUsedAt) {
}
