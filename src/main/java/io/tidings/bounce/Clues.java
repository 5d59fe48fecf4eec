package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;

/**
 * Whatever a report gives to find our message, tried in this order: the VERP token of the address
 * it came back to, our Message-ID, the recipient's address.
 */
public record Clues(@Nullable String verpToken, @Nullable String messageId, @Nullable String recipient) {
}
