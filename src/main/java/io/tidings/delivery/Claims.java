package io.tidings.delivery;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Leases batches of due rows to workers. The one database-specific seam of the outbox: on
 * PostgreSQL the due rows are locked with {@code FOR UPDATE SKIP LOCKED}, so any number of workers
 * and instances split the queue without contention; elsewhere (H2) the portable claim reads the
 * ids unlocked and the fenced UPDATE re-checks each row, which is safe but lets claimers collide.
 */
@Singleton
class Claims {

    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
    private final OutboxRepository rows;
    private final boolean skipLocked;

    Claims(OutboxRepository rows, OutboxDatabase database) {
        this.rows = rows;
        this.skipLocked = database.isPostgres();
        LOG.info("Outbox claims: {}", skipLocked ? "FOR UPDATE SKIP LOCKED" : "portable (read, then a fenced update)");
    }

    /**
     * What one claim got.
     *
     * @param due      how many due rows it saw; more than zero with no messages means another claimer won them
     * @param messages the rows now leased to the claim's owner
     */
    record Claim(int due, List<OutboxMessage> messages) {
    }

    @Transactional
    Claim claim(String owner, Instant now, Instant leaseUntil, int limit) {
        if (skipLocked) {
            List<OutboxMessage> leased = new ArrayList<>(rows.leaseDue(now, limit, owner, leaseUntil));
            leased.sort(Comparator.comparing(OutboxMessage::id));
            return new Claim(leased.size(), leased);
        }
        List<Long> due = rows.findDueIds(now, limit);
        if (due.isEmpty()) {
            return new Claim(0, List.of());
        }
        List<Long> ids = due.subList(0, Math.min(due.size(), limit));
        if (rows.claim(ids, owner, now, leaseUntil) == 0) {
            return new Claim(due.size(), List.of());
        }
        return new Claim(due.size(), rows.findClaimed(ids, owner));
    }

    /** Hands back the claimed rows that were neither recorded nor finished (a stop, a paused edition). */
    void release(List<Long> ids, String owner) {
        rows.release(ids, owner);
    }
}
