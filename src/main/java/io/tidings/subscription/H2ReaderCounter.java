package io.tidings.subscription;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * H2's triggers for {@code subscriber_count} (migration V29), the same figures PostgreSQL's PL/pgSQL
 * keeps, a row at a time. H2 fires the after-row triggers of a delete once all its rows are gone, so
 * whether a reader has topics at all is read before each topic row and compared after it once: the
 * first comparison after a change counts it. H2 calls it by name.
 */
public class H2ReaderCounter implements Trigger {

    private static final String DELTA = "INSERT INTO subscriber_count (figure, label, n) VALUES (?, ?, ?)";
    private static final String CONFIRMED = "CONFIRMED";
    private static final List<String> COUNTED = List.of("status", "confirmed_at", "unsubscribed_at");
    /** Readers whose topic row is being added or removed, and whether they had topics before it (H2 runs a statement on its caller's thread). */
    private static final ThreadLocal<Map<Long, Boolean>> HAD_TOPICS = ThreadLocal.withInitial(HashMap::new);
    private boolean topics;
    private boolean before;
    private final Map<String, Integer> columns = new HashMap<>();

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        this.topics = table.equalsIgnoreCase("subscriber_topic");
        this.before = before;
        try (ResultSet found = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (found.next()) {
                columns.put(found.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), found.getInt("ORDINAL_POSITION") - 1);
            }
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (topics) {
            topicRow(connection, oldRow, newRow);
        } else if (before) {
            // The reader's topics go first, counted while the reader's state can still be read.
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM subscriber_topic WHERE subscriber_id = ?")) {
                delete.setLong(1, id(oldRow, "id"));
                delete.executeUpdate();
            }
        } else {
            readerRow(connection, oldRow, newRow);
        }
    }

    private void readerRow(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && COUNTED.stream().allMatch(c -> Objects.equals(oldRow[columns.get(c)], newRow[columns.get(c)]))) {
            return;
        }
        if (oldRow != null) {
            counts(connection, oldRow, -1);
        }
        if (newRow != null) {
            counts(connection, newRow, 1);
        }
        if (oldRow != null && newRow != null && confirmed(oldRow) != confirmed(newRow)) {
            int sign = confirmed(newRow) ? 1 : -1;
            boolean any = false;
            try (PreparedStatement select = connection.prepareStatement("SELECT topic FROM subscriber_topic WHERE subscriber_id = ?")) {
                select.setLong(1, id(newRow, "id"));
                try (ResultSet chosen = select.executeQuery()) {
                    while (chosen.next()) {
                        delta(connection, "TOPIC", chosen.getString(1), sign);
                        any = true;
                    }
                }
            }
            if (any) {
                delta(connection, "TOPICAL", "", sign);
            }
        }
    }

    private void counts(Connection connection, Object[] row, int sign) throws SQLException {
        delta(connection, "STATUS", (String) row[columns.get("status")], sign);
        Object confirmedAt = row[columns.get("confirmed_at")];
        if (confirmedAt != null) {
            delta(connection, "CONFIRMED_ON", day(confirmedAt), sign);
        }
        Object unsubscribedAt = row[columns.get("unsubscribed_at")];
        if (unsubscribedAt != null) {
            delta(connection, "UNSUBSCRIBED_ON", day(unsubscribedAt), sign);
        }
    }

    /** A topic row: counted for a confirmed reader, and whether the reader has topics at all, when that changed. */
    private void topicRow(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        Object[] row = newRow != null ? newRow : oldRow;
        long reader = id(row, "subscriber_id");
        if (before) {
            HAD_TOPICS.get().put(reader, hasTopics(connection, reader));
            return;
        }
        Boolean had = HAD_TOPICS.get().remove(reader);
        if (isConfirmed(connection, reader)) {
            delta(connection, "TOPIC", (String) row[columns.get("topic")], newRow != null ? 1 : -1);
            boolean has = hasTopics(connection, reader);
            if (had != null && had != has) {
                delta(connection, "TOPICAL", "", has ? 1 : -1);
            }
        }
    }

    private static boolean hasTopics(Connection connection, long reader) throws SQLException {
        return exists(connection, "SELECT 1 FROM subscriber_topic WHERE subscriber_id = ? LIMIT 1", reader);
    }

    private static boolean isConfirmed(Connection connection, long reader) throws SQLException {
        return exists(connection, "SELECT 1 FROM subscriber WHERE id = ? AND status = 'CONFIRMED'", reader);
    }

    private static boolean exists(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        }
    }

    private boolean confirmed(Object[] row) {
        return Objects.equals(row[columns.get("status")], CONFIRMED);
    }

    private long id(Object[] row, String column) {
        return ((Number) row[columns.get(column)]).longValue();
    }

    private static String day(Object time) {
        Instant instant = time instanceof OffsetDateTime offset ? offset.toInstant()
                : time instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) time;
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static void delta(Connection connection, String figure, String label, int n) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(DELTA)) {
            insert.setString(1, figure);
            insert.setString(2, label);
            insert.setLong(3, n);
            insert.executeUpdate();
        }
    }
}
