package io.tidings.edition;


/**
 * An edition's progress bar as the dashboard draws it: each segment's share of the recipients, in
 * percent, and a line that says the numbers. admin.js redraws the same from the JSON every 2 s.
 */
record ProgressView(EditionProgress edition, double sent, double failed, double suppressed, String summary) {

    static ProgressView of(EditionProgress edition) {
        long sent = edition.delivery().get("sent");
        long failed = edition.delivery().get("failed");
        long suppressed = edition.delivery().get("suppressed");
        long left = edition.delivery().get("pending") + edition.delivery().get("sending");
        long total = Math.max(1, sent + failed + suppressed + left);
        return new ProgressView(edition, 100.0 * sent / total, 100.0 * failed / total, 100.0 * suppressed / total,
                edition.summary());
    }
}
