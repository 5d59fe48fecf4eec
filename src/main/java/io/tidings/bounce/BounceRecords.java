package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.mail.BounceType;
import io.tidings.subscription.BounceHistory;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stored reports as operators and readers read them. */
@Singleton
class BounceRecords implements BounceHistory {

    static final int MAX_SIZE = 200;
    private final BounceRepository bounces;

    BounceRecords(BounceRepository bounces) {
        this.bounces = bounces;
    }

    /** One report in the operator's list. */
    @Serdeable
    record Listed(long id, String recipient, @Nullable Long subscriberId, String type, @Nullable String status,
                  @Nullable String diagnostic, String source, @Nullable Long editionId, Instant at) {
    }

    @Serdeable
    record Page(List<Listed> items, int page, int size, long total) {
    }

    /**
     * One page of reports, newest first.
     *
     * @param type  a type's label to keep, or null for all
     * @param since the earliest time to list, or null for all
     */
    @Transactional(readOnly = true)
    Page list(@Nullable String type, @Nullable Instant since, int page, int size) {
        if (page < 0) {
            throw InvalidInputException.of("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidInputException.of("size", "must be from 1 to " + MAX_SIZE);
        }
        String label = type == null || type.isBlank() ? null : label(type);
        Instant from = since == null ? Instant.EPOCH : since;
        List<Listed> items = bounces.listed(label, from, size, (long) page * size).stream()
                .map(b -> new Listed(b.id(), b.recipient(), b.subscriberId(), b.type(), b.status(), b.diagnostic(),
                        b.source(), b.editionId(), b.receivedAt()))
                .toList();
        return new Page(items, page, size, bounces.countListed(label, from));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> of(long subscriberId) {
        return bounces.ofReader(subscriberId).stream()
                .map(b -> new Entry(b.type(), b.status(), b.diagnostic(), b.source(), b.editionId(), b.receivedAt()))
                .toList();
    }

    private static String label(String type) {
        String wanted = type.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(BounceType.values()).map(BounceType::label).filter(wanted::equals).findFirst()
                .orElseThrow(() -> InvalidInputException.of("type", "must be one of " + Arrays.stream(BounceType.values())
                        .map(BounceType::label).collect(Collectors.joining(", "))));
    }
}
