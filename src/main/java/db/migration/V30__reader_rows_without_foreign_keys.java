package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Drops the foreign keys of {@code consent_event} and {@code subscriber_topic} to {@code subscriber},
 * as V6 did the outbox's. PostgreSQL checks each inserted row with a share lock on its reader: about
 * 10 µs of a reader's 42 in an import of a million (docs/benchmarks.md). The rows are written only
 * with their reader, in the reader's transaction; a reader's topics go before it (V29's trigger), and
 * what deletes a reader deletes its consent records in the same transaction ({@code Erasures},
 * {@code PendingCleanupJob}). Java, because H2 names foreign keys itself.
 */
public class V30__reader_rows_without_foreign_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String table : new String[] {"consent_event", "subscriber_topic"}) {
            Set<String> names = new LinkedHashSet<>();
            try (ResultSet keys = connection.getMetaData().getImportedKeys(null, connection.getSchema(), table)) {
                while (keys.next()) {
                    if ("subscriber".equals(keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT))) {
                        names.add(keys.getString("FK_NAME"));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String name : names) {
                    statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
                }
            }
        }
    }
}
