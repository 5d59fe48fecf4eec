package io.tidings.subscription;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Multi-row {@code INSERT ... VALUES (...), (...)}: a thousand rows cost one round trip, where a JDBC
 * batch costs a statement each on the server. Runs in the caller's transaction.
 */
final class ManyRows {

    /** Rows per statement: PostgreSQL takes at most 32767 parameters in one. */
    private static final int PER_STATEMENT = 1000;

    private ManyRows() {
    }

    /** Inserts {@code rows}, each bound to {@code tuple}'s placeholders, between {@code head} and {@code tail}. */
    static void insert(JdbcOperations jdbc, String head, String tuple, String tail, List<Object[]> rows) {
        inParts(head, tuple, tail, rows, (sql, part) -> jdbc.prepareStatement(sql, statement -> {
            bind(statement, part);
            return statement.executeUpdate();
        }));
    }

    /** What to do with each row an insert returns. */
    @FunctionalInterface
    interface Returned {
        void row(ResultSet row) throws SQLException;
    }

    /** As {@link #insert}, handing each row inserted (with the values of {@code columns}) to {@code returned}. */
    static void insertReturning(JdbcOperations jdbc, String head, String tuple, String tail, List<Object[]> rows,
                                String[] columns, Returned returned) {
        inParts(head, tuple, tail, rows, (sql, part) -> jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, columns)) {
                bind(statement, part);
                statement.executeUpdate();
                try (ResultSet inserted = statement.getGeneratedKeys()) {
                    while (inserted.next()) {
                        returned.row(inserted);
                    }
                }
            }
            return null;
        }));
    }

    private static void inParts(String head, String tuple, String tail, List<Object[]> rows,
                                BiConsumer<String, List<Object[]>> statement) {
        for (int from = 0; from < rows.size(); from += PER_STATEMENT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + PER_STATEMENT));
            statement.accept(head + " VALUES " + String.join(", ", Collections.nCopies(part.size(), tuple)) + " " + tail, part);
        }
    }

    private static void bind(PreparedStatement statement, List<Object[]> rows) throws SQLException {
        int at = 1;
        for (Object[] row : rows) {
            for (Object value : row) {
                statement.setObject(at++, value instanceof Instant instant ? utc(instant) : value);
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
