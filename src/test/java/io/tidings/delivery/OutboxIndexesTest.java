package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.tidings.support.ServiceTest;
import io.tidings.support.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim's reads run on an index. On PostgreSQL one index holds the queued rows (pending or
 * leased) by due time, and no column the claim changes is indexed, so a claim rewrites its rows in
 * place (heap-only updates) and writes no index entry at all; H2 keeps full indexes on status.
 */
@MicronautTest(transactional = false)
class OutboxIndexesTest extends ServiceTest {

    private static final String PENDING = "SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= now()"
            + " ORDER BY due_at, id LIMIT 100";
    private static final String EXPIRED = "SELECT id FROM outbox WHERE status = 'SENDING' AND lease_until < now()"
            + " ORDER BY lease_until LIMIT 100";
    /** PostgreSQL's claim read (delivery/Claims): queued rows in due order, pending or with a lease run out. */
    private static final String QUEUED = "SELECT id FROM outbox WHERE queued AND due_at <= now()"
            + " AND (status = 'PENDING' OR lease_until < now()) ORDER BY due_at, id LIMIT 100";

    @Inject
    Claims claims;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.delivery.workers", "0");
    }

    @BeforeEach
    void aQueueMostlySent() {
        given.clear();
        // Mostly history, as an outbox is after a few editions; a few rows pending and a few leased.
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (int n = 1; n <= 20_000; n++) {
            String status = n % 1000 == 0 ? "PENDING" : n % 1000 == 1 ? "SENDING" : "SENT";
            rows.add(new Object[] {"r" + n + "@example.com", "<" + n + "@example.com>", status, now,
                    "SENDING".equals(status) ? "w" : null, "SENDING".equals(status) ? now : null, now});
        }
        sql.batch("""
                INSERT INTO outbox (kind, recipient, message_id, status, attempts, due_at, lease_owner, lease_until, created_at)
                VALUES ('CONFIRMATION', ?, ?, ?, 1, ?, ?, ?, ?)""", rows);
    }

    @Test
    void pending_rows_and_expired_leases_are_read_on_an_index() throws Exception {
        if (TestDatabase.postgres()) {
            assertThat(plan(QUEUED)).containsIgnoringCase("outbox_queued");
            return;
        }
        assertThat(plan(PENDING)).containsIgnoringCase("outbox_status_due");
        assertThat(plan(EXPIRED)).containsIgnoringCase("outbox_status_lease");
    }

    @Test
    void on_postgresql_the_queue_index_holds_only_queued_rows_and_no_column_a_claim_changes() {
        if (!TestDatabase.postgres()) {
            assertThat(sql.count("SELECT COUNT(*) FROM information_schema.indexes WHERE LOWER(index_name) = 'outbox_status_due'"))
                    .as("H2 has no partial indexes and keeps the full ones").isPositive();
            return;
        }
        assertThat(sql.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'outbox_queued'"))
                .endsWith("(due_at, id) WHERE queued");
        // 20 pending and 20 leased rows of the 20,000.
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE queued")).isEqualTo(40);
        assertThat(sql.column("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'outbox'::regclass"))
                .noneMatch(index -> index.contains("status") || index.contains("lease"));
    }

    @Test
    void on_postgresql_a_claim_rewrites_its_rows_in_place() {
        if (!TestDatabase.postgres()) {
            return;
        }
        Instant now = clock.instant().plusSeconds(1);  // the leased rows' leases ended at the setup's now
        String hotUpdates = "pg_stat_get_xact_tuples_hot_updated('outbox'::regclass)";
        long[] claimedAndInPlace = transactions.executeWrite(status -> {
            long before = statistic(status.getConnection(), hotUpdates);
            int claimed = claims.claim("in-place", now, now.plus(Duration.ofMinutes(5)), 100).messages().size();
            return new long[] {claimed, statistic(status.getConnection(), hotUpdates) - before};
        });

        assertThat(claimedAndInPlace[0]).as("the pending rows and those whose lease ran out, claimed").isEqualTo(40);
        assertThat(claimedAndInPlace[1]).as("heap-only updates in the claim's transaction").isEqualTo(40);
    }

    @Test
    void on_postgresql_a_claim_goes_on_from_where_the_last_claim_stopped() {
        if (!TestDatabase.postgres()) {
            return;
        }
        // A queue long enough that PostgreSQL reads it in order rather than sorting it whole, as a send does.
        sql.update("""
                INSERT INTO outbox (kind, recipient, message_id, status, attempts, due_at, created_at)
                SELECT 'CONFIRMATION', 'q' || n || '@example.com', '<q' || n || '@example.com>', 'PENDING', 0, ?, ?
                FROM generate_series(1, 2000) AS n""", Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        sql.update("ANALYZE outbox");
        Instant now = clock.instant().plusSeconds(1);
        String queuedRowsRead = "pg_stat_get_xact_tuples_fetched('outbox_queued'::regclass)";
        long[] claimedAndRead = transactions.executeWrite(status -> {
            long before = statistic(status.getConnection(), queuedRowsRead);
            int claimed = claims.claim("one-worker", now, now.plus(Duration.ofMinutes(5)), 10).messages().size()
                    + claims.claim("another-worker", now, now.plus(Duration.ofMinutes(5)), 10).messages().size();
            return new long[] {claimed, statistic(status.getConnection(), queuedRowsRead) - before};
        });

        assertThat(claimedAndRead[0]).isEqualTo(20);
        // Starting from its own last claim, or from the start, the second would have read the first's 10 again.
        assertThat(claimedAndRead[1]).as("queued rows read by the two claims").isEqualTo(20);
    }

    @Test
    void a_claim_counts_the_rows_it_moved_once() {
        Instant now = clock.instant().plusSeconds(1);
        int claimed = claims.claim("counted", now, now.plus(Duration.ofMinutes(5)), 100).messages().size();

        assertThat(claimed).isEqualTo(40);
        // 20 pending rows became sending; the 20 whose lease ran out were sending already.
        assertThat(sql.column("SELECT status || ' ' || SUM(n) FROM delivery_count WHERE held GROUP BY status"
                + " HAVING SUM(n) <> 0 ORDER BY status"))
                .as("the counts").containsExactly("SENDING 40", "SENT 19960")
                .isEqualTo(sql.column("SELECT status || ' ' || COUNT(*) FROM outbox GROUP BY status ORDER BY status"));
    }

    /** The database's plan for a query, all its lines, with PostgreSQL's statistics fresh. */
    private String plan(String query) {
        if (TestDatabase.postgres()) {
            sql.update("ANALYZE outbox");
        }
        return String.join("\n", sql.column("EXPLAIN " + query));
    }

    /**
     * One of PostgreSQL's statistics of the work on {@code connection} not yet reported: PostgreSQL 15 reports
     * a backend's counts at most once a second, so the figure holds earlier transactions' counts too, and a
     * test reads the difference within its own transaction.
     */
    private static long statistic(Connection connection, String function) {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT " + function)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
