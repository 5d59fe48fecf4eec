package io.tidings.delivery;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what happened to a claimed batch in one JDBC batch per kind of outcome. */
@Singleton
class Outcomes {

    private final JdbcOperations jdbc;

    Outcomes(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** What one claim's sends came to; every update is fenced by the claim's lease owner. */
    static final class Batch {
        private final String owner;
        private final List<Object[]> sent = new ArrayList<>();
        private final List<Object[]> retried = new ArrayList<>();
        private final List<Object[]> failed = new ArrayList<>();
        private final List<Object[]> suppressed = new ArrayList<>();

        Batch(String owner) {
            this.owner = owner;
        }

        void sent(long id, Instant at, String reply) {
            sent.add(new Object[] {utc(at), truncate(reply), id, owner});
        }

        void retry(long id, Instant due, String error) {
            retried.add(new Object[] {utc(due), truncate(error), id, owner});
        }

        void failed(long id, String error) {
            failed.add(new Object[] {truncate(error), id, owner});
        }

        void suppressed(long id, String reason) {
            suppressed.add(new Object[] {truncate(reason), id, owner});
        }
    }

    @Transactional
    void record(Batch batch) {
        // A final row drops its link token: it would still confirm a subscription.
        run("""
                UPDATE outbox SET status = 'SENT', sent_at = ?, relay_reply = ?, lease_owner = NULL, lease_until = NULL,
                       link_token = NULL
                WHERE id = ? AND lease_owner = ?""", batch.sent);
        run("""
                UPDATE outbox SET status = 'PENDING', due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND lease_owner = ?""", batch.retried);
        run("""
                UPDATE outbox SET status = 'FAILED', last_error = ?, lease_owner = NULL, lease_until = NULL,
                       link_token = NULL
                WHERE id = ? AND lease_owner = ?""", batch.failed);
        run("""
                UPDATE outbox SET status = 'SUPPRESSED', last_error = ?, lease_owner = NULL, lease_until = NULL,
                       link_token = NULL
                WHERE id = ? AND lease_owner = ?""", batch.suppressed);
    }

    private void run(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, statement -> {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
