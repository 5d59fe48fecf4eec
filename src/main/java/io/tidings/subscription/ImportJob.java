package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A large import and how far it got; {@code processed} counts the file's rows read and committed. */
@MappedEntity("subscriber_import")
record ImportJob(
        @Id @GeneratedValue @Nullable Long id,
        ImportStatus status,
        String fileName,
        String charset,
        long sizeBytes,
        long processed,
        long imported,
        long skipped,
        long rejected,
        @Nullable String failure,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        Instant createdAt,
        @Nullable Instant finishedAt) {
}
