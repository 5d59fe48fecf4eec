package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** A reader's bounces and complaints, kept by the bounce package, for their record and their data export. */
public interface BounceHistory {

    /** One refusal, bounce or complaint about the reader; {@code type} and {@code source} by their labels. */
    @Serdeable
    record Entry(String type, @Nullable String status, @Nullable String diagnostic, String source,
                 @Nullable Long editionId, Instant at) {
    }

    /** Oldest first. */
    List<Entry> of(long subscriberId);
}
