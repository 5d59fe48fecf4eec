package io.tidings.delivery;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.Database;
import io.tidings.mail.SendFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what happened to claimed rows. Sent rows are recorded as the relay accepts them, each
 * committed before its worker ends the next message's data ({@link SentRecords} gathers the records
 * queued meanwhile into one statement), so a crash resends at most the one message each worker had
 * accepted but not recorded. Everything else (retries, failures, suppressions, bounces) is kept for
 * the end of the claim and written in one JDBC batch per kind: losing those to a crash sends nobody
 * anything twice, since the rows come back when their lease expires.
 *
 * <p>Where the database allows it ({@link Database#commitWithoutFlush}), the sent records commit
 * without waiting for their WAL to reach the disk: a flush per commit cost 1 to 12 ms on a busy disk
 * and held up every worker waiting on it. The commit is still in the server when the service is
 * killed, so the guarantee above holds for any crash of the service; only a crash of PostgreSQL
 * itself can lose the last few hundred milliseconds of sent records, and resend those messages.
 *
 * <p>Plain JDBC rather than a repository, as the measured hot path of delivery: a group's sent
 * records are one statement over bound arrays, which a repository method cannot bind, and the other
 * outcomes one JDBC batch per kind. With them {@code bench/delivery.sh} (100,000 digests, 8 workers)
 * sends 3,000 to 3,600 msg/s at 220 to 260 µs of CPU a message (README, 2026-11-24), where a
 * commit a record and a flush a commit had held it, among other causes, at 1,400 to 1,800.
 */
@Singleton
class Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
    /** Fenced by the claim's lease; a final row drops its link token. One row a statement. */
    private static final String MARK_SENT = """
            UPDATE outbox SET status = 'SENT', sent_at = ?, relay_reply = ?, lease_owner = NULL, lease_until = NULL,
                   link_token = NULL
            WHERE id = ? AND lease_owner = ?""";
    /**
     * The same for many rows in one statement, where the database updates from arrays (PostgreSQL); returns
     * the rows it recorded. It writes its own count deltas ({@code delivery_count}): a row fenced by its
     * lease owner is SENDING, since every change of a leased row's status clears the owner. Writing them
     * here rather than in the outbox's statement trigger (which {@link #COUNTED_HERE} turns off for this
     * transaction, V31) saves the trigger's PL/pgSQL call and its scans of the transition tables on every
     * group, the most frequent statement of a send.
     */
    private static final String MARK_SENT_ALL = """
            WITH sent AS (
                UPDATE outbox SET status = 'SENT', sent_at = s.sent_at, relay_reply = s.reply, lease_owner = NULL,
                       lease_until = NULL, link_token = NULL
                FROM unnest(?::bigint[], ?::text[], ?::text[]::timestamptz[], ?::text[]) AS s(id, owner, sent_at, reply)
                WHERE outbox.id = s.id AND outbox.lease_owner = s.owner
                RETURNING outbox.id, outbox.edition_id, outbox.kind),
            counted AS (
                INSERT INTO delivery_count (edition_id, kind, status, held, n)
                SELECT COALESCE(sent.edition_id, 0), sent.kind, change.status, TRUE, SUM(change.n)
                FROM sent CROSS JOIN (VALUES ('SENT', 1), ('SENDING', -1)) AS change(status, n)
                GROUP BY 1, 2, 3)
            SELECT id FROM sent""";
    /** Tells the outbox's update trigger that the statements of this transaction count their own rows. */
    private static final String COUNTED_HERE = "set_config('tidings.outbox_counted', 'on', true)";
    private final JdbcOperations jdbc;
    private final DeliveryMetrics metrics;
    private final ApplicationEventPublisher<MessagesRefused> bounces;
    private final Database database;
    /** The sent records' statement with its settings ahead of it, built once: it runs for every few messages. */
    private final String markSentWithSettings;

    Outcomes(JdbcOperations jdbc, DeliveryMetrics metrics, ApplicationEventPublisher<MessagesRefused> bounces,
             Database database) {
        this.database = database;
        String flush = database.commitWithoutFlush();
        this.markSentWithSettings = "SELECT " + (flush.isEmpty() ? "" : flush + ", ") + COUNTED_HERE + "; " + MARK_SENT_ALL;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.bounces = bounces;
    }

    /** What one claim's other outcomes came to; every update is fenced by the claim's lease owner. */
    static final class Batch {
        private final String owner;
        private final Instant at;
        private final List<Object[]> retried = new ArrayList<>();
        private final List<Object[]> deferred = new ArrayList<>();
        private final List<Object[]> failed = new ArrayList<>();
        private final List<Object[]> suppressed = new ArrayList<>();
        private final List<Map.Entry<DeliveryMetrics.Outcome, MessageKind>> counted = new ArrayList<>();
        private final List<MessagesRefused.Refusal> refusals = new ArrayList<>();

        Batch(String owner, Instant at) {
            this.owner = owner;
            this.at = at;
        }

        void retry(OutboxMessage message, Instant due, String error) {
            retried.add(new Object[] {utc(due), truncate(error), message.id(), owner});
            counted.add(Map.entry(DeliveryMetrics.Outcome.RETRIED, message.kind()));
        }

        /** Back to the queue until {@code due} as if never claimed: the relay was busy, the message not at fault. */
        void deferred(OutboxMessage message, Instant due, String error) {
            deferred.add(new Object[] {utc(due), truncate(error), message.id(), owner});
            counted.add(Map.entry(DeliveryMetrics.Outcome.DEFERRED, message.kind()));
        }

        void failed(OutboxMessage message, String error) {
            failed.add(new Object[] {truncate(error), message.id(), owner});
            counted.add(Map.entry(DeliveryMetrics.Outcome.FAILED, message.kind()));
        }

        /** A permanent refusal: failed, and passed on for whoever counts readers' bounces to judge. */
        void refused(OutboxMessage message, SendFailure failure) {
            failed(message, failure.getMessage());
            refusals.add(new MessagesRefused.Refusal(message.id(), message.subscriberId(), message.editionId(),
                    message.recipient(), failure.diagnosis(), failure.getMessage()));
        }

        void suppressed(OutboxMessage message, String reason) {
            suppressed.add(new Object[] {truncate(reason), message.id(), owner});
            counted.add(Map.entry(DeliveryMetrics.Outcome.SUPPRESSED, message.kind()));
        }
    }

    /** One message the relay accepted. */
    record Sent(OutboxMessage message, String owner, Instant at, String reply) {
    }

    /**
     * Records messages the relay accepted. It runs in autocommit: where the database updates from
     * arrays (PostgreSQL), the settings and the update travel as one message that the server runs
     * as one implicit transaction, so a group costs a single round trip; elsewhere (H2, embedded) each
     * row commits by itself, which costs no round trip at all.
     */
    @Connectable
    void sent(List<Sent> group) {
        Set<Long> recorded = database.updatesFromArrays() ? markSentTogether(group) : markSentEach(group);
        for (Sent sent : group) {
            if (!recorded.contains(sent.message().id())) {
                LOG.warn("Message {} was sent after its lease ran out; another worker may send it again", sent.message().id());
            }
            metrics.counted(DeliveryMetrics.Outcome.SENT, sent.message().kind());
        }
    }

    private Set<Long> markSentTogether(List<Sent> group) {
        return jdbc.prepareStatement(markSentWithSettings, statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("bigint", group.stream().map(s -> s.message().id()).toArray()));
            statement.setArray(2, connection.createArrayOf("text", group.stream().map(Sent::owner).toArray()));
            statement.setArray(3, connection.createArrayOf("text", group.stream().map(s -> s.at().toString()).toArray()));
            statement.setArray(4, connection.createArrayOf("text", group.stream().map(s -> truncate(s.reply())).toArray()));
            statement.execute();
            // The settings' result comes first; the update's rows follow it.
            statement.getMoreResults();
            Set<Long> recorded = new HashSet<>();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    recorded.add(rows.getLong(1));
                }
            }
            return recorded;
        });
    }

    private Set<Long> markSentEach(List<Sent> group) {
        int[] counts = run(MARK_SENT, group.stream()
                .map(s -> new Object[] {utc(s.at()), truncate(s.reply()), s.message().id(), s.owner()})
                .toList());
        Set<Long> recorded = new HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                recorded.add(group.get(i).message().id());
            }
        }
        return recorded;
    }

    @Transactional
    void record(Batch batch) {
        run("""
                UPDATE outbox SET status = 'PENDING', due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND lease_owner = ?""", batch.retried);
        // The claim counted an attempt; a busy relay was no attempt at this message.
        run("""
                UPDATE outbox SET status = 'PENDING', due_at = ?, last_error = ?, attempts = attempts - 1,
                       lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND lease_owner = ?""", batch.deferred);
        // A final row drops its link token: it would still confirm a subscription.
        run("""
                UPDATE outbox SET status = 'FAILED', last_error = ?, lease_owner = NULL, lease_until = NULL,
                       link_token = NULL
                WHERE id = ? AND lease_owner = ?""", batch.failed);
        run("""
                UPDATE outbox SET status = 'SUPPRESSED', last_error = ?, lease_owner = NULL, lease_until = NULL,
                       link_token = NULL
                WHERE id = ? AND lease_owner = ?""", batch.suppressed);
        if (!batch.refusals.isEmpty()) {
            bounces.publishEvent(new MessagesRefused(batch.refusals, batch.at));
        }
        batch.counted.forEach(outcome -> metrics.counted(outcome.getKey(), outcome.getValue()));
    }

    private int[] run(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return jdbc.prepareStatement(sql, statement -> {
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
