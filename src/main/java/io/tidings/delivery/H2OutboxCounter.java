package io.tidings.delivery;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * H2's trigger for {@code delivery_count} (migration V19): a delta for each outbox row whose edition,
 * kind or status changes. PostgreSQL does the same per statement in PL/pgSQL. H2 calls it by name.
 */
public class H2OutboxCounter implements Trigger {

    private static final String DELTA = "INSERT INTO delivery_count (edition_id, kind, status, held, n) VALUES (?, ?, ?, TRUE, ?)";
    private int edition;
    private int kind;
    private int status;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (columns.next()) {
                int index = columns.getInt("ORDINAL_POSITION") - 1;
                switch (columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)) {
                    case "edition_id" -> edition = index;
                    case "kind" -> kind = index;
                    case "status" -> status = index;
                    default -> {
                    }
                }
            }
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && Objects.equals(oldRow[edition], newRow[edition])
                && Objects.equals(oldRow[kind], newRow[kind]) && Objects.equals(oldRow[status], newRow[status])) {
            return;
        }
        if (oldRow != null) {
            count(connection, oldRow, -1);
        }
        if (newRow != null) {
            count(connection, newRow, 1);
        }
    }

    private void count(Connection connection, Object[] row, int delta) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(DELTA)) {
            insert.setLong(1, row[edition] == null ? 0 : ((Number) row[edition]).longValue());
            insert.setString(2, (String) row[kind]);
            insert.setString(3, (String) row[status]);
            insert.setLong(4, delta);
            insert.executeUpdate();
        }
    }
}
