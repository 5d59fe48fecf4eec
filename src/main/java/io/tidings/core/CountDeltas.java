package io.tidings.core;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the deltas of one count into one row. The counts tables ({@code delivery_count},
 * {@code subscriber_count}) take a new row for every change, so that no two writers ever wait on one
 * counter row; a scheduled job folds each count's rows, {@link #CHUNK} at a time, each chunk in a
 * transaction of its own. Plain JDBC: a sending edition adds tens of thousands of deltas a minute,
 * and reading them as entities cost the service more than the database's work on them.
 */
@Singleton
public class CountDeltas {

    /** Deltas folded per transaction. */
    public static final int CHUNK = 1_000;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    CountDeltas(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Replaces the rows of {@code table} whose {@code keyColumns} hold {@code key} by one row holding
     * the sum of their {@code n}, or by none where it is zero.
     */
    public void fold(String table, List<String> keyColumns, List<Object> key) {
        String where = String.join(" = ? AND ", keyColumns) + " = ?";
        Fold fold = new Fold(
                "SELECT id, n FROM " + table + " WHERE " + where + " ORDER BY id LIMIT " + CHUNK + " FOR UPDATE",
                "DELETE FROM " + table + " WHERE id = ANY(?)",
                "INSERT INTO " + table + " (" + String.join(", ", keyColumns) + ", n) VALUES (" + "?, ".repeat(keyColumns.size()) + "?)");
        while (transactions.executeWrite(status -> foldChunk(fold, key)) == CHUNK) {
            // A large backlog (an import, H2's row-at-a-time triggers) is folded in several transactions.
        }
    }

    private record Fold(String lock, String delete, String insert) {
    }

    /** Replaces up to {@link #CHUNK} rows of one count by their sum; returns how many it took. */
    private int foldChunk(Fold fold, List<Object> key) {
        List<Long> ids = new ArrayList<>();
        long sum = jdbc.prepareStatement(fold.lock(), statement -> {
            bind(statement, key);
            long total = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    total += rows.getLong(2);
                }
            }
            return total;
        });
        if (ids.size() > 1) {
            jdbc.prepareStatement(fold.delete(), statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("bigint", ids.toArray()));
                return statement.executeUpdate();
            });
            if (sum != 0) {
                jdbc.prepareStatement(fold.insert(), statement -> {
                    bind(statement, key);
                    statement.setLong(key.size() + 1, sum);
                    return statement.executeUpdate();
                });
            }
        }
        return ids.size();
    }

    private static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }
}
