package io.tidings.edition;

import io.tidings.delivery.MessageStatus;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An edition's progress as the console draws it: each bar segment's share of the recipients, in percent,
 * a line that says the numbers, and the numbers one by one. admin.js redraws the same from the JSON every 2 s.
 *
 * @param queued   digests still to send (pending or being sent)
 * @param rate     "12.5/s" over the last minute, or "–"
 * @param timeLeft "about 48 s" at that rate, or "–"
 * @param created  when it was made, to the minute: "2026-12-03 08:00 UTC"
 */
record ProgressView(EditionProgress edition, String state, double sent, double failed, double suppressed,
                    String summary, long queued, String rate, String timeLeft, String created) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static ProgressView of(EditionProgress edition) {
        long sent = edition.count(MessageStatus.SENT);
        long failed = edition.count(MessageStatus.FAILED);
        long suppressed = edition.count(MessageStatus.SUPPRESSED);
        long queued = EditionProgress.left(edition.delivery());
        long total = Math.max(1, sent + failed + suppressed + queued);
        String rate = edition.sendRatePerSecond() > 0
                ? String.format(Locale.ROOT, "%.1f/s", edition.sendRatePerSecond()) : "–";
        String timeLeft = edition.estimatedSecondsLeft() == null ? "–" : "about " + edition.estimatedSecondsLeft() + " s";
        return new ProgressView(edition, edition.state().label(), 100.0 * sent / total, 100.0 * failed / total,
                100.0 * suppressed / total, edition.summary(), queued, rate, timeLeft, MINUTE.format(edition.createdAt()));
    }
}
