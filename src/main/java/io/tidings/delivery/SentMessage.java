package io.tidings.delivery;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * One outbox row as whoever hears back about it sees it.
 *
 * @param id           the outbox row
 * @param subscriberId the reader it went to, or null (a test copy to any address)
 * @param editionId    its edition, for a digest
 */
@Introspected
public record SentMessage(long id, @Nullable Long subscriberId, @Nullable Long editionId, String recipient) {
}
