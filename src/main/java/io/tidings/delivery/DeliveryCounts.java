package io.tidings.delivery;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.tidings.core.Count;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;

import java.sql.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's figures from {@code delivery_count}, which triggers keep in the transaction of every
 * outbox change (migration V19): reading them costs the same with ten or fifty million rows of
 * history. The triggers only add deltas, so no two workers ever wait on one counter row; every few
 * seconds one instance folds each count's deltas into one row, a small transaction at a time.
 */
@Singleton
class DeliveryCounts {

    /** Deltas folded per transaction. */
    static final int CHUNK = 1_000;
    private final DeliveryCountRepository counts;
    private final TransactionOperations<Connection> transactions;

    DeliveryCounts(DeliveryCountRepository counts, TransactionOperations<Connection> transactions) {
        this.counts = counts;
        this.transactions = transactions;
    }

    /** Every email, held or folded, by delivery state. */
    Map<MessageStatus, Long> byStatus() {
        return byStatus(counts.byStatus());
    }

    /** An edition's digests, held or folded, by delivery state. */
    Map<MessageStatus, Long> digestsOf(long editionId) {
        return byStatus(counts.digestsOf(editionId));
    }

    /** Editions whose rows are all final and still in the outbox. */
    List<Long> finishedEditionsHeld() {
        return counts.finishedEditionsHeld();
    }

    @Scheduled(fixedDelay = "${tidings.history.count-interval:10s}", initialDelay = "${tidings.history.count-interval:10s}")
    @SchedulerLock(name = "delivery-counts")
    public void fold() {
        for (DeliveryCount.Key key : counts.scattered()) {
            while (transactions.executeWrite(status -> foldChunk(key)) == CHUNK) {
                // A large delta backlog (H2 counts a row at a time) is folded in several transactions.
            }
        }
    }

    /** Replaces up to {@link #CHUNK} rows of one count by their sum; returns how many it took. */
    private int foldChunk(DeliveryCount.Key key) {
        List<DeliveryCount> rows = counts.lock(key.editionId(), key.kind(), key.status(), key.held(), CHUNK);
        if (rows.size() > 1) {
            counts.deleteByIdIn(rows.stream().map(DeliveryCount::id).toList());
            long sum = rows.stream().mapToLong(DeliveryCount::n).sum();
            if (sum != 0) {
                counts.save(new DeliveryCount(null, key.editionId(), key.kind(), key.status(), key.held(), sum));
            }
        }
        return rows.size();
    }

    /** Rows of a {@code GROUP BY status} by state, leaving out states that count nothing. */
    static Map<MessageStatus, Long> byStatus(List<Count> rows) {
        Map<MessageStatus, Long> map = new EnumMap<>(MessageStatus.class);
        rows.stream().filter(c -> c.count() != 0).forEach(c -> map.put(MessageStatus.valueOf(c.label()), c.count()));
        return map;
    }
}
