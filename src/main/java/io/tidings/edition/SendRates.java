package io.tidings.edition;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.Map;

/**
 * Each edition's recent rate, from the counts of its finished digests that this instance has read over the
 * last minute: the counts are the database's, so every instance's rate is the whole edition's, and a
 * progress request costs no scan of the edition's rows (a count of a million-reader edition's recent
 * sends took about a second). The first look at an edition has no rate yet; after a silence of one to
 * two minutes a look gives the rate since the look before, after a longer one it starts again.
 */
@Singleton
class SendRates {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Looks closer together than this add no sample: a page polled by many operators keeps a minute in ~60. */
    private static final Duration SPACING = Duration.ofSeconds(1);
    private final Map<Long, LinkedList<Sample>> seen = new HashMap<>();

    private record Sample(Instant at, long finished) {
    }

    /** Digests finished a second, from the last look at the edition a window ago (or the oldest since) until now. */
    synchronized double perSecond(long editionId, long finished, Instant now) {
        Instant windowStart = now.minus(WINDOW);
        seen.values().removeIf(samples -> samples.getLast().at().isBefore(windowStart.minus(WINDOW)));
        LinkedList<Sample> samples = seen.computeIfAbsent(editionId, id -> new LinkedList<>());
        while (samples.size() > 1 && !samples.get(1).at().isAfter(windowStart)) {
            samples.removeFirst();
        }
        if (samples.isEmpty() || !samples.getLast().at().plus(SPACING).isAfter(now)) {
            samples.addLast(new Sample(now, finished));
        }
        Sample first = samples.getFirst();
        long millis = Duration.between(first.at(), now).toMillis();
        return millis < SPACING.toMillis() ? 0 : Math.max(0, finished - first.finished()) * 1000.0 / millis;
    }
}
