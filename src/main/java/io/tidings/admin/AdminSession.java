package io.tidings.admin;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An operator's signed-in browser.
 *
 * @param idHash     SHA-256 of the random id in the cookie
 * @param csrfToken  the token every form and unsafe request of this session must carry
 * @param operatorId who signed in
 */
@MappedEntity("admin_session")
record AdminSession(@Id String idHash, String csrfToken, Instant createdAt, Instant lastSeenAt, long operatorId) {
}
