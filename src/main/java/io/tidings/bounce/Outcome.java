package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;

/** What became of one report. */
public sealed interface Outcome {

    /** Stored as bounce {@code bounceId}, about this reader (null for a message to no reader, a test copy). */
    record Recorded(long bounceId, @Nullable Long subscriberId) implements Outcome {
    }

    /** Changed nothing, and why: "auto-reply", "names no message or reader of ours". */
    record Ignored(String why) implements Outcome {
    }
}
