package io.tidings.edition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An edition as the operator watches it.
 *
 * @param state                 sending, paused, cancelled or complete
 * @param sendRatePerSecond     digests sent per second over the last minute
 * @param estimatedSecondsLeft  at that rate; null when nothing is left or nothing was sent lately
 */
@Serdeable
record EditionProgress(
        long id,
        String frequency,
        Instant slot,
        Instant windowStart,
        Instant windowEnd,
        Instant createdAt,
        String state,
        int recipientCount,
        Map<String, Long> delivery,
        double sendRatePerSecond,
        @Nullable Long estimatedSecondsLeft,
        List<ArticleRef> articles) {

    @Serdeable
    record ArticleRef(long id, String title, String url) {
    }
}
