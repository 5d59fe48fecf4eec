package io.tidings.admin;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL for the operator's read-only views, run in the caller's transaction. */
@Singleton
class Rows {

    private final JdbcOperations jdbc;

    Rows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    <T> List<T> list(String sql, Mapper<T> mapper, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        });
    }

    long count(String sql, Object... parameters) {
        return list(sql, row -> row.getLong(1), parameters).get(0);
    }

    /** A query whose rows are (label, count) pairs, as a map in the query's order. */
    Map<String, Long> counts(String sql, Object... parameters) {
        Map<String, Long> counts = new LinkedHashMap<>();
        list(sql, row -> Map.entry(row.getString(1), row.getLong(2)), parameters)
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : parameters[i];
            statement.setObject(i + 1, value);
        }
    }
}
