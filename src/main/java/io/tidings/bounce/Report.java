package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.tidings.mail.BounceType;

import java.time.Instant;

/** STAND-IN for bounce-core's class (BOUNCE-API.md); removed when the real pipeline is merged. */
public record Report(BounceType type, @Nullable String status, @Nullable String diagnostic, Source source, Instant at,
                     Clues clues) {
}
