package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;

/** STAND-IN for bounce-core's class (BOUNCE-API.md); removed when the real pipeline is merged. */
public sealed interface Outcome {
    record Recorded(long bounceId, @Nullable Long subscriberId) implements Outcome {
    }

    record Ignored(String why) implements Outcome {
    }
}
