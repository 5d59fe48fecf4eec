package io.tidings.delivery;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.Database;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Leases batches of due rows to workers. Where the database skips locked rows (PostgreSQL) the due
 * rows are locked with {@code FOR UPDATE SKIP LOCKED}, so any number of workers and instances split
 * the queue without contention; elsewhere (H2) the portable claim reads the ids unlocked and the
 * fenced UPDATE re-checks each row, which is safe but lets claimers collide. The claimed rows are read
 * with {@link OutboxMessage#read}, in plain JDBC.
 */
@Singleton
class Claims {

    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
    /** Rows a worker may take at all: a digest only while its edition is not held (see {@link EditionGate}). */
    private static final String SENDABLE = " AND (kind <> 'DIGEST' OR NOT COALESCE(edition_id = ANY(?), FALSE))";
    /**
     * PostgreSQL only, in one statement: locks up to a batch of due rows after the cursor, in (due_at,
     * id) order, pending ones and leased ones whose lease expired (their instance died), skipping rows
     * another claim holds locked (so concurrent claimers split the queue instead of colliding); leases
     * them to the owner and returns them. The scan runs on the index of queued rows (V32), which holds no
     * column this update changes, so the update is heap-only and writes no index entry.
     * Parameters: owner, lease end, now, the cursor's due time and id, now, held editions, limit.
     */
    private static final String LEASE_DUE = "UPDATE outbox SET status = 'SENDING', lease_owner = ?, lease_until = ?,"
            + " attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox WHERE queued AND due_at <= ?"
            + " AND (due_at, id) > (?, ?) AND (status = 'PENDING' OR lease_until < ?)" + SENDABLE
            + " ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + OutboxMessage.COLUMNS;
    /** The rows of one portable claim, of those it tried to take. Parameters: ids, owner. */
    private static final String CLAIMED = "SELECT " + OutboxMessage.COLUMNS
            + " FROM outbox WHERE id = ANY(?) AND lease_owner = ? AND status = 'SENDING' ORDER BY id";
    private final JdbcOperations jdbc;
    private final OutboxRepository rows;
    private final EditionGate gate;
    private final boolean skipLocked;
    private final Cursor cursor = new Cursor();

    Claims(JdbcOperations jdbc, OutboxRepository rows, EditionGate gate, Database database) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.gate = gate;
        this.skipLocked = database.skipsLockedRows();
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

    /**
     * Where this instance's last claim ended, where locked rows are skipped. The queue's index holds every
     * row being sent and, until a vacuum, an entry for every row sent, so a scan from the start of the
     * queue reads past every row claimed so far: halfway through a 100,000-reader edition that took 4 ms
     * of a 6 ms claim. A claim goes on from where the instance's latest claim stopped instead, and from the
     * start again whenever that falls short of a batch, so rows behind it (handed back, queued with an
     * earlier due time, or leased by an instance that died) wait at most until the queue ahead runs low.
     * The workers share it: with a cursor each, a claim read past every row the other workers had claimed
     * since its own last one, and {@code bench/delivery.sh}'s 16 workers read 8.8 queued rows for each
     * row they took; with one, 1.6.
     */
    private static final class Cursor {

        private Position at = Position.START;

        private synchronized Position at() {
            return at;
        }

        /** Past the rows a claim took, unless another claim already went further. */
        private synchronized void past(List<OutboxMessage> claimed) {
            for (OutboxMessage message : claimed) {
                Position end = new Position(message.dueAt(), message.id());
                if (end.after(at)) {
                    at = end;
                }
            }
        }

        /** Nothing is left ahead: the next claims go on from what a claim from the start takes. */
        private synchronized void restart() {
            at = Position.START;
        }
    }

    /** A row's place in the queue's order. */
    private record Position(Instant due, long id) {

        static final Position START = new Position(Instant.EPOCH, 0);

        boolean after(Position other) {
            int order = due.compareTo(other.due);
            return order > 0 || order == 0 && id > other.id;
        }
    }

    /** Leases up to {@code limit} due rows to {@code owner}. */
    @Transactional
    Claim claim(String owner, Instant now, Instant leaseUntil, int limit) {
        List<Long> held = gate.held();
        if (skipLocked) {
            Position from = cursor.at();
            List<OutboxMessage> leased = leaseDue(now, limit, owner, leaseUntil, from, held);
            if (leased.size() < limit && !from.equals(Position.START)) {
                if (leased.isEmpty()) {
                    cursor.restart();
                }
                leased.addAll(leaseDue(now, limit - leased.size(), owner, leaseUntil, Position.START, held));
            }
            cursor.past(leased);
            leased.sort(Comparator.comparing(OutboxMessage::id));
            return new Claim(leased.size(), leased);
        }
        List<Long> due = rows.findDueIds(now, limit, held);
        if (due.isEmpty()) {
            return new Claim(0, List.of());
        }
        List<Long> ids = due.subList(0, Math.min(due.size(), limit));
        if (rows.claim(ids, owner, now, leaseUntil, held) == 0) {
            return new Claim(due.size(), List.of());
        }
        return new Claim(due.size(), query(CLAIMED, ids.toArray(Long[]::new), owner));
    }

    private List<OutboxMessage> leaseDue(Instant now, int limit, String owner, Instant leaseUntil, Position from,
                                         List<Long> held) {
        Long[] editions = held.toArray(Long[]::new);
        return query(LEASE_DUE, owner, utc(leaseUntil), utc(now), utc(from.due()), from.id(), utc(now), editions, limit);
    }

    private List<OutboxMessage> query(String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                bind(statement, i + 1, parameters[i]);
            }
            List<OutboxMessage> found = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(OutboxMessage.read(result));
                }
            }
            return found;
        });
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Long[] ids) {
            statement.setArray(index, statement.getConnection().createArrayOf("bigint", ids));
        } else {
            statement.setObject(index, value);
        }
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Hands back the claimed rows that were neither recorded nor finished (a stop, a paused edition). */
    void release(List<Long> ids, String owner) {
        rows.release(ids, owner);
    }
}
