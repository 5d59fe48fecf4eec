package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import io.tidings.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim's two reads each run on an index. On PostgreSQL those indexes hold only the rows the
 * reads are after (pending, leased), so sending and recording a message write no entry in them.
 */
@MicronautTest(transactional = false)
class OutboxIndexesTest extends ServiceTest {

    private static final String PENDING = "SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= now()"
            + " ORDER BY due_at, id LIMIT 100";
    private static final String EXPIRED = "SELECT id FROM outbox WHERE status = 'SENDING' AND lease_until < now()"
            + " ORDER BY lease_until LIMIT 100";

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
    void pending_rows_and_expired_leases_are_each_read_on_an_index() throws Exception {
        String pendingIndex = TestDatabase.postgres() ? "outbox_pending" : "outbox_status_due";
        String leasedIndex = TestDatabase.postgres() ? "outbox_leased" : "outbox_status_lease";

        assertThat(plan(PENDING)).containsIgnoringCase(pendingIndex);
        assertThat(plan(EXPIRED)).containsIgnoringCase(leasedIndex);
    }

    @Test
    void on_postgresql_the_claim_indexes_hold_only_the_rows_the_claim_reads() {
        if (!TestDatabase.postgres()) {
            assertThat(sql.count("SELECT COUNT(*) FROM information_schema.indexes WHERE LOWER(index_name) = 'outbox_status_due'"))
                    .as("H2 has no partial indexes and keeps the full ones").isPositive();
            return;
        }
        assertThat(sql.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'outbox_pending'"))
                .endsWith("(due_at, id) WHERE ((status)::text = 'PENDING'::text)");
        assertThat(sql.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'outbox_leased'"))
                .endsWith("(lease_until) WHERE ((status)::text = 'SENDING'::text)");
        assertThat(sql.count("SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ('outbox_status_due', 'outbox_status_lease')"))
                .isZero();
    }

    /** The database's plan for a query, all its lines, with PostgreSQL's statistics fresh. */
    private String plan(String query) {
        if (TestDatabase.postgres()) {
            sql.update("ANALYZE outbox");
        }
        return String.join("\n", sql.column("EXPLAIN " + query));
    }
}
