package io.tidings.core;

import io.micronaut.core.annotation.Introspected;

/** One row of a {@code GROUP BY}: a label (a state, a topic, an epoch day) and how many rows have it. */
@Introspected
public record Count(String label, long count) {
}
