package io.tidings.subscription;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Multi-row {@code INSERT ... VALUES (...), (...)}: a thousand rows cost one round trip, where a JDBC
 * batch costs a statement each on the server. Where the database takes arrays ({@link
 * io.tidings.core.Database#updatesFromArrays}), {@code INSERT ... SELECT ... FROM unnest(...)} with one
 * array a column instead: an import of a million readers spent 7 µs a row of the service's CPU binding
 * 8,000 parameters a statement, and PostgreSQL 3–4 µs a row more taking them (docs/benchmarks.md).
 * Runs in the caller's transaction.
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
        inParts(head, tuple, tail, rows, (sql, part) -> returning(jdbc, sql, columns, (connection, statement) -> bind(statement, part),
                returned));
    }

    /**
     * As {@link #insertReturning}, the rows bound as one array a column: {@code types} are the SQL types
     * of {@code tuple}'s placeholders, in order ({@code text}, {@code bigint}, {@code timestamptz}).
     */
    static void insertReturningFromArrays(JdbcOperations jdbc, String head, String tuple, String tail, List<Object[]> rows,
                                          String[] types, String[] columns, Returned returned) {
        if (rows.isEmpty()) {
            return;
        }
        returning(jdbc, fromArrays(head, tuple, tail, types), columns,
                (connection, statement) -> bindArrays(connection, statement, rows, types.length), returned);
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    private interface Binding {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private static void returning(JdbcOperations jdbc, String sql, String[] columns, Binding binding, Returned returned) {
        jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, columns)) {
                binding.bind(connection, statement);
                statement.executeUpdate();
                try (ResultSet inserted = statement.getGeneratedKeys()) {
                    while (inserted.next()) {
                        returned.row(inserted);
                    }
                }
            }
            return null;
        });
    }

    /** As {@link #insert}, the rows bound as one array a column (see {@link #insertReturningFromArrays}). */
    static void insertFromArrays(JdbcOperations jdbc, String head, String tuple, String tail, List<Object[]> rows,
                                 String... types) {
        if (!rows.isEmpty()) {
            jdbc.prepareStatement(fromArrays(head, tuple, tail, types), statement -> {
                bindArrays(statement.getConnection(), statement, rows, types.length);
                return statement.executeUpdate();
            });
        }
    }

    /** {@code head SELECT ... FROM unnest(?, ...) tail}, the tuple's placeholders become the arrays' columns, its constants stay. */
    private static String fromArrays(String head, String tuple, String tail, String[] types) {
        List<String> select = new ArrayList<>();
        int column = 0;
        for (String value : tuple.substring(1, tuple.length() - 1).split(",")) {
            select.add("?".equals(value.strip()) ? "c" + ++column : value.strip());
        }
        if (column != types.length) {
            throw new IllegalArgumentException(tuple + " has " + column + " placeholders for " + types.length + " types");
        }
        return head + " SELECT " + String.join(", ", select)
                + " FROM unnest(" + IntStream.range(0, column).mapToObj(i -> "?::text[]::" + types[i] + "[]").collect(Collectors.joining(", "))
                + ") AS r(" + IntStream.rangeClosed(1, column).mapToObj(i -> "c" + i).collect(Collectors.joining(", ")) + ") " + tail;
    }

    /** Each column as a text array, which the statement casts: one encoding for every type, instants in ISO-8601. */
    private static void bindArrays(Connection connection, PreparedStatement statement, List<Object[]> rows, int columns)
            throws SQLException {
        for (int column = 0; column < columns; column++) {
            String[] values = new String[rows.size()];
            for (int row = 0; row < values.length; row++) {
                Object value = rows.get(row)[column];
                values[row] = value == null ? null : value.toString();
            }
            statement.setArray(column + 1, connection.createArrayOf("text", values));
        }
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
