package io.tidings.edition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    /**
     * "4200 of 10000 sent, 3 failed, 0 suppressed, 5797 to go, 120.5/s, about 48 s left": the line of
     * the log and of the dashboard, which admin.js redraws alike.
     */
    String summary() {
        long sent = delivery.get("sent");
        long failed = delivery.get("failed");
        long suppressed = delivery.get("suppressed");
        long left = delivery.get("pending") + delivery.get("sending");
        String rate = sendRatePerSecond > 0 ? String.format(Locale.ROOT, ", %.1f/s", sendRatePerSecond) : "";
        String eta = estimatedSecondsLeft == null ? "" : ", about " + estimatedSecondsLeft + " s left";
        return sent + " of " + (sent + failed + suppressed + left) + " sent, " + failed + " failed, " + suppressed
                + " suppressed, " + left + " to go" + rate + eta;
    }

    @Serdeable
    record ArticleRef(long id, String title, String url) {
    }
}
