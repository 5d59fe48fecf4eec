package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;

/** STAND-IN for bounce-core's class (BOUNCE-API.md); removed when the real pipeline is merged. */
public record Clues(@Nullable String verpToken, @Nullable String messageId, @Nullable String recipient) {
}
