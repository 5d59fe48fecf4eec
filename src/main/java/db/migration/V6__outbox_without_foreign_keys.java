package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the outbox's foreign keys to subscriber and edition. PostgreSQL checks a foreign key row
 * by row, taking a share lock on each subscriber: queueing an edition for a million readers spent
 * three quarters of its 30 s there. The outbox is a queue of work, not the record of who exists:
 * deleting a subscriber deletes its rows explicitly, and a row whose reader is gone is suppressed.
 * Written in Java because H2 names foreign keys itself, so the names are read, not assumed.
 */
public class V6__outbox_without_foreign_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String> names = new ArrayList<>();
        try (ResultSet keys = connection.getMetaData().getImportedKeys(null, connection.getSchema(), "outbox")) {
            while (keys.next()) {
                if (!names.contains(keys.getString("FK_NAME"))) {
                    names.add(keys.getString("FK_NAME"));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("ALTER TABLE outbox DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
