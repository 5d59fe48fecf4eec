package io.tidings.delivery;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tidings.core.Count;
import io.tidings.core.CountDeltas;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's figures from {@code delivery_count}, which triggers keep in the transaction of every
 * outbox change (migration V19): reading them costs the same with ten or fifty million rows of
 * history. The triggers (and the sent records, see {@code Outcomes}) only add deltas, so no two workers
 * ever wait on one counter row; every few seconds one instance folds each count's deltas into one row
 * ({@link CountDeltas}).
 */
@Singleton
class DeliveryCounts {

    private static final List<String> KEY = List.of("edition_id", "kind", "status", "held");
    private final DeliveryCountRepository counts;
    private final CountDeltas deltas;

    DeliveryCounts(DeliveryCountRepository counts, CountDeltas deltas) {
        this.counts = counts;
        this.deltas = deltas;
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
            deltas.fold("delivery_count", KEY, List.of(key.editionId(), key.kind(), key.status(), key.held()));
        }
    }

    /** Rows of a {@code GROUP BY status} by state, leaving out states that count nothing. */
    static Map<MessageStatus, Long> byStatus(List<Count> rows) {
        Map<MessageStatus, Long> map = new EnumMap<>(MessageStatus.class);
        rows.stream().filter(c -> c.count() != 0).forEach(c -> map.put(MessageStatus.valueOf(c.label()), c.count()));
        return map;
    }
}
