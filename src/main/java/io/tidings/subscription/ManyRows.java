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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Many rows in one {@code INSERT}. Where the database takes arrays ({@link
 * io.tidings.core.Database#updatesFromArrays}), {@code INSERT ... SELECT ... FROM unnest(...)} with one
 * array a column: an import of a million readers spent 7 µs a row of the service's CPU binding 8,000
 * parameters a statement, and PostgreSQL 3–4 µs a row more taking them (docs/benchmarks.md). Elsewhere
 * {@code INSERT ... VALUES (...), (...)}: a thousand rows cost one round trip, where a JDBC batch costs a
 * statement each on the server. Runs in the caller's transaction.
 */
final class ManyRows {

    /** Rows per {@code VALUES} statement: PostgreSQL takes at most 32767 parameters in one. */
    private static final int PER_STATEMENT = 1000;

    private ManyRows() {
    }

    /**
     * An insert: {@code head} ({@code INSERT INTO t (a, b, c)}), one row's {@code tuple} of placeholders and
     * constants ({@code (?, 'X', ?)}), what follows ({@code ON CONFLICT DO NOTHING} or nothing), and the SQL
     * type of each placeholder in order ({@code text}, {@code bigint}, {@code timestamptz}) for the arrays.
     */
    record Insert(String head, String tuple, String tail, String... types) {
    }

    /** What to do with each row an insert returns. */
    @FunctionalInterface
    interface Returned {
        void row(ResultSet row) throws SQLException;
    }

    /** Inserts {@code rows}, each bound to the insert's placeholders; as arrays where {@code fromArrays}. */
    static void insert(JdbcOperations jdbc, boolean fromArrays, Insert insert, List<Object[]> rows) {
        for (Statement statement : statements(fromArrays, insert, rows)) {
            jdbc.prepareStatement(statement.sql(), prepared -> {
                statement.binding().bind(prepared.getConnection(), prepared);
                return prepared.executeUpdate();
            });
        }
    }

    /** As {@link #insert}, handing each row inserted (with the values of {@code columns}) to {@code returned}. */
    static void insertReturning(JdbcOperations jdbc, boolean fromArrays, Insert insert, List<Object[]> rows,
                                String[] columns, Returned returned) {
        for (Statement statement : statements(fromArrays, insert, rows)) {
            jdbc.execute(connection -> {
                try (PreparedStatement prepared = connection.prepareStatement(statement.sql(), columns)) {
                    statement.binding().bind(connection, prepared);
                    prepared.executeUpdate();
                    try (ResultSet inserted = prepared.getGeneratedKeys()) {
                        while (inserted.next()) {
                            returned.row(inserted);
                        }
                    }
                }
                return null;
            });
        }
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    private interface Binding {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private record Statement(String sql, Binding binding) {
    }

    /** One statement over arrays, whatever the number of rows; else a {@code VALUES} list a thousand rows. */
    private static List<Statement> statements(boolean fromArrays, Insert insert, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (fromArrays) {
            return List.of(new Statement(fromArrays(insert),
                    (connection, statement) -> bindArrays(connection, statement, rows, insert.types().length)));
        }
        List<Statement> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += PER_STATEMENT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + PER_STATEMENT));
            statements.add(new Statement(
                    insert.head() + " VALUES " + String.join(", ", Collections.nCopies(part.size(), insert.tuple())) + " " + insert.tail(),
                    (connection, statement) -> bind(statement, part)));
        }
        return statements;
    }

    /** {@code head SELECT ... FROM unnest(?, ...) tail}, the tuple's placeholders become the arrays' columns, its constants stay. */
    private static String fromArrays(Insert insert) {
        List<String> select = new ArrayList<>();
        int column = 0;
        for (String value : insert.tuple().substring(1, insert.tuple().length() - 1).split(",")) {
            select.add("?".equals(value.strip()) ? "c" + ++column : value.strip());
        }
        if (column != insert.types().length) {
            throw new IllegalArgumentException(insert.tuple() + " has " + column + " placeholders for " + insert.types().length + " types");
        }
        return insert.head() + " SELECT " + String.join(", ", select)
                + " FROM unnest(" + IntStream.range(0, column).mapToObj(i -> "?::text[]::" + insert.types()[i] + "[]").collect(Collectors.joining(", "))
                + ") AS r(" + IntStream.rangeClosed(1, column).mapToObj(i -> "c" + i).collect(Collectors.joining(", ")) + ") " + insert.tail();
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
