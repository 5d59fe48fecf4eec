package io.tidings.delivery;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Bounded delivery history (docs/history.md). Once an edition has nothing waiting or being sent and
 * its digests were queued longer ago than the retention, its outbox rows are folded: counted as
 * folded in {@code delivery_count}, each reader's last accepted message kept in {@code reader_delivery},
 * and the rows deleted, a small transaction of locked rows at a time, so no claim waits on it.
 * Final rows of no edition (confirmations, address changes) go the same way once they are as old.
 */
@Singleton
class HistoryRetention {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);
    private final OutboxRepository rows;
    private final DeliveryCounts counts;
    private final TransactionOperations<Connection> transactions;
    private final HistoryConfig config;
    private final Clock clock;

    HistoryRetention(OutboxRepository rows, DeliveryCounts counts, TransactionOperations<Connection> transactions,
                     HistoryConfig config, Clock clock) {
        this.rows = rows;
        this.counts = counts;
        this.transactions = transactions;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.history.check-interval:1h}", initialDelay = "${tidings.history.check-interval:1h}")
    @SchedulerLock(name = "delivery-history", lockAtMostFor = "6h")
    public void fold() {
        Instant before = clock.instant().minus(config.retention());
        for (long edition : counts.finishedEditionsHeld()) {
            if (rows.queuedAt(edition).filter(at -> at.isBefore(before)).isPresent()) {
                logged("edition " + edition, () -> foldAll(() -> rows.lockOfEdition(edition, before, config.batchSize())));
            }
        }
        logged("other mail", () -> foldAll(() -> rows.lockOneOffs(before, config.batchSize())));
    }

    /** Runs a fold and logs what it removed and how long it took, if it removed anything. */
    private void logged(String what, Supplier<Long> fold) {
        long started = System.nanoTime();
        long folded = fold.get();
        if (folded > 0) {
            LOG.info("History of {} folded: {} rows older than {} in {} ms", what, folded, config.retention(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Folds the rows {@code lock} locks, a transaction a batch, until it finds fewer than a batch. */
    private long foldAll(Supplier<List<Long>> lock) {
        long folded = 0;
        int batch;
        do {
            batch = transactions.executeWrite(status -> {
                List<Long> ids = lock.get();
                if (!ids.isEmpty()) {
                    rows.countFolded(ids);
                    rows.keepLastSent(ids);
                    rows.deleteByIdIn(ids);
                }
                return ids.size();
            });
            folded += batch;
        } while (batch == config.batchSize());
        return folded;
    }
}
