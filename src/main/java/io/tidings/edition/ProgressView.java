package io.tidings.edition;

import io.tidings.delivery.MessageStatus;

/**
 * An edition's progress bar as the dashboard draws it: each segment's share of the recipients, in
 * percent, and a line that says the numbers. admin.js redraws the same from the JSON every 2 s.
 */
record ProgressView(EditionProgress edition, String state, double sent, double failed, double suppressed,
                    String summary) {

    static ProgressView of(EditionProgress edition) {
        long sent = edition.count(MessageStatus.SENT);
        long failed = edition.count(MessageStatus.FAILED);
        long suppressed = edition.count(MessageStatus.SUPPRESSED);
        long total = Math.max(1, sent + failed + suppressed + EditionProgress.left(edition.delivery()));
        return new ProgressView(edition, edition.state().label(), 100.0 * sent / total, 100.0 * failed / total,
                100.0 * suppressed / total, edition.summary());
    }
}
