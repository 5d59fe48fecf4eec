package io.tidings.edition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.delivery.MessageStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An edition as the operator watches it.
 *
 * @param delivery              digests by {@link MessageStatus#label()}, every status named
 * @param bounced               digests that bounced (hard, soft or blocked), refused at sending or returned later
 * @param sendRatePerSecond     digests finished (sent, failed or suppressed) per second over the last minute
 *                              of this instance's looks ({@link SendRates}); 0 at the first look
 * @param estimatedSecondsLeft  at that rate; null when nothing is left or nothing was sent lately
 * @param pausedReason          why delivery paused it by itself (the relay refused its sender or message); else null
 */
@Serdeable
record EditionProgress(
        long id,
        String frequency,
        Instant slot,
        Instant windowStart,
        Instant windowEnd,
        Instant createdAt,
        EditionState state,
        int recipientCount,
        Map<String, Long> delivery,
        long bounced,
        double sendRatePerSecond,
        @Nullable Long estimatedSecondsLeft,
        List<ArticleRef> articles,
        @Nullable String pausedReason) {

    /**
     * "4200 of 10000 sent, 3 failed, 0 suppressed, 5797 to go, 120.5/s, about 48 s left": the line of
     * the log and of the dashboard, which admin.js redraws alike.
     */
    String summary() {
        long sent = count(MessageStatus.SENT);
        long failed = count(MessageStatus.FAILED);
        long suppressed = count(MessageStatus.SUPPRESSED);
        long left = left(delivery);
        String rate = sendRatePerSecond > 0 ? String.format(Locale.ROOT, ", %.1f/s", sendRatePerSecond) : "";
        String eta = estimatedSecondsLeft == null ? "" : ", about " + estimatedSecondsLeft + " s left";
        return sent + " of " + (sent + failed + suppressed + left) + " sent, " + failed + " failed, " + suppressed
                + " suppressed, " + left + " to go" + rate + eta;
    }

    long count(MessageStatus status) {
        return delivery.get(status.label());
    }

    /** Digests not yet sent, failed or suppressed. */
    static long left(Map<String, Long> delivery) {
        return delivery.get(MessageStatus.PENDING.label()) + delivery.get(MessageStatus.SENDING.label());
    }

    @Serdeable
    record ArticleRef(long id, String title, String url) {
    }
}
