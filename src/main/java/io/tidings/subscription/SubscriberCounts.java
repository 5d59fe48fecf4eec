package io.tidings.subscription;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tidings.core.CountDeltas;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader figures from {@code subscriber_count}, which triggers keep in the transaction of every
 * change to readers and their topics (migration V29): reading them costs the same with a million
 * readers as with ten. Every few seconds one instance folds each count's deltas into one row
 * ({@link CountDeltas}).
 */
@Singleton
class SubscriberCounts {

    private static final List<String> KEY = List.of("figure", "label");
    private final SubscriberCountRepository counts;
    private final CountDeltas deltas;

    SubscriberCounts(SubscriberCountRepository counts, CountDeltas deltas) {
        this.counts = counts;
        this.deltas = deltas;
    }

    /** The counts of a figure that are not zero, in label order. */
    Map<String, Long> of(String figure) {
        return byLabel(counts.totals(figure, ""));
    }

    /** The counts of a day's figure from {@code first} on, by day; days counting zero are absent. */
    Map<LocalDate, Long> daily(String figure, LocalDate first) {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        byLabel(counts.totals(figure, first.toString())).forEach((day, n) -> days.put(LocalDate.parse(day), n));
        return days;
    }

    @Scheduled(fixedDelay = "${tidings.subscriptions.count-interval:10s}", initialDelay = "${tidings.subscriptions.count-interval:10s}")
    @SchedulerLock(name = "subscriber-counts")
    public void fold() {
        for (SubscriberCount.Total key : counts.scattered()) {
            deltas.fold("subscriber_count", KEY, List.of(key.figure(), key.label()));
        }
    }

    private static Map<String, Long> byLabel(List<SubscriberCount.Total> totals) {
        Map<String, Long> map = new LinkedHashMap<>();
        totals.forEach(total -> map.put(total.label(), total.n()));
        return map;
    }
}
