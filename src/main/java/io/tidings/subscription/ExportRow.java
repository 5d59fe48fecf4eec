package io.tidings.subscription;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A confirmed subscriber as the CSV export writes it: topics ';'-joined, and where their latest consent came from. */
@Introspected
record ExportRow(String email, @Nullable String name, @Nullable String topics, Frequency frequency,
                 @Nullable String consentSource, Instant confirmedAt) {
}
