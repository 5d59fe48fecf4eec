package io.tidings.subscription;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader figures from {@code subscriber_count}, which triggers keep in the transaction of every
 * change to readers and their topics (migration V29): reading them costs the same with a million
 * readers as with ten. Every few seconds one instance folds each count's deltas into one row, a
 * small transaction at a time.
 */
@Singleton
class SubscriberCounts {

    /** Deltas folded per transaction. */
    static final int CHUNK = 1_000;
    private final SubscriberCountRepository counts;
    private final TransactionOperations<Connection> transactions;

    SubscriberCounts(SubscriberCountRepository counts, TransactionOperations<Connection> transactions) {
        this.counts = counts;
        this.transactions = transactions;
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
            while (transactions.executeWrite(status -> foldChunk(key)) == CHUNK) {
                // A large backlog (an import adds a delta per day of consent a batch) is folded in several transactions.
            }
        }
    }

    /** Replaces up to {@link #CHUNK} rows of one count by their sum; returns how many it took. */
    private int foldChunk(SubscriberCount.Total key) {
        List<SubscriberCount> rows = counts.lock(key.figure(), key.label(), CHUNK);
        if (rows.size() > 1) {
            counts.deleteByIdIn(rows.stream().map(SubscriberCount::id).toList());
            long sum = rows.stream().mapToLong(SubscriberCount::n).sum();
            if (sum != 0) {
                counts.save(new SubscriberCount(null, key.figure(), key.label(), sum));
            }
        }
        return rows.size();
    }

    private static Map<String, Long> byLabel(List<SubscriberCount.Total> totals) {
        Map<String, Long> map = new LinkedHashMap<>();
        totals.forEach(total -> map.put(total.label(), total.n()));
        return map;
    }
}
