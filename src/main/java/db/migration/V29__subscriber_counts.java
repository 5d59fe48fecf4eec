package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The dashboard's reader figures kept as counts by triggers in the transaction of every change to
 * {@code subscriber} or {@code subscriber_topic}, so that they cost the same with a million readers
 * as with ten (docs/history.md). Like {@code delivery_count} (V19) the triggers only insert deltas,
 * which {@code SubscriberCounts} folds now and then. A count is a {@code figure} and a {@code label}:
 * <ul>
 *   <li>{@code STATUS}, a state: readers in it;</li>
 *   <li>{@code TOPIC}, a topic: confirmed readers who chose it;</li>
 *   <li>{@code TOPICAL}, '': confirmed readers who chose at least one topic;</li>
 *   <li>{@code CONFIRMED_ON} and {@code UNSUBSCRIBED_ON}, a UTC day (yyyy-mm-dd): readers whose
 *       {@code confirmed_at} or {@code unsubscribed_at} falls on it.</li>
 * </ul>
 * A reader's topics are deleted before the reader is, so that their topic counts go while the
 * reader's state can still be read. PL/pgSQL over transition tables on PostgreSQL (one delta per
 * figure a statement); {@code io.tidings.subscription.H2ReaderCounter} on H2.
 */
public class V29__subscriber_counts extends BaseJavaMigration {

    private static final String UTC_DAY = "CAST(%s AT TIME ZONE 'UTC' AS DATE)";

    /** The figures of one transition table of subscribers, each row counting {@code sign}; days grouped before they are written out. */
    private static String readers(String rows, int sign) {
        return """
                SELECT 'STATUS' AS figure, status AS label, %2$d * COUNT(*) AS n FROM %1$s GROUP BY status
                UNION ALL SELECT 'CONFIRMED_ON', TO_CHAR(day, 'YYYY-MM-DD'), %2$d * COUNT(*)
                    FROM (SELECT %3$s AS day FROM %1$s WHERE confirmed_at IS NOT NULL) confirmed GROUP BY day
                UNION ALL SELECT 'UNSUBSCRIBED_ON', TO_CHAR(day, 'YYYY-MM-DD'), %2$d * COUNT(*)
                    FROM (SELECT %4$s AS day FROM %1$s WHERE unsubscribed_at IS NOT NULL) unsubscribed GROUP BY day"""
                .formatted(rows, sign, UTC_DAY.formatted("confirmed_at"), UTC_DAY.formatted("unsubscribed_at"));
    }

    private static String function(String name, String deltas) {
        return """
                CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO subscriber_count (figure, label, n)
                    SELECT figure, label, SUM(n) FROM (%s) delta GROUP BY figure, label HAVING SUM(n) <> 0;
                    RETURN NULL;
                END $$""".formatted(name, deltas);
    }

    private static final String[] POSTGRES = {
        function("subscriber_count_inserted", readers("new_rows", 1)),
        // A reader whose state goes to or from CONFIRMED takes their topics along.
        function("subscriber_count_updated", readers("old_rows", -1) + "\nUNION ALL " + readers("new_rows", 1) + """

                UNION ALL SELECT 'TOPIC', t.topic, CASE WHEN n.status = 'CONFIRMED' THEN 1 ELSE -1 END
                    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN subscriber_topic t ON t.subscriber_id = n.id
                    WHERE (o.status = 'CONFIRMED') <> (n.status = 'CONFIRMED')
                UNION ALL SELECT 'TOPICAL', '', CASE WHEN n.status = 'CONFIRMED' THEN 1 ELSE -1 END
                    FROM old_rows o JOIN new_rows n ON n.id = o.id
                    WHERE (o.status = 'CONFIRMED') <> (n.status = 'CONFIRMED')
                      AND EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = n.id)"""),
        function("subscriber_count_deleted", readers("old_rows", -1)),
        function("subscriber_topic_count_inserted", """
                SELECT 'TOPIC' AS figure, r.topic AS label, 1 AS n
                    FROM new_rows r JOIN subscriber s ON s.id = r.subscriber_id WHERE s.status = 'CONFIRMED'
                UNION ALL SELECT 'TOPICAL', '', 1
                    FROM (SELECT subscriber_id, COUNT(*) AS added FROM new_rows GROUP BY subscriber_id) r
                    JOIN subscriber s ON s.id = r.subscriber_id
                    WHERE s.status = 'CONFIRMED'
                      AND (SELECT COUNT(*) FROM subscriber_topic t WHERE t.subscriber_id = r.subscriber_id) = r.added"""),
        function("subscriber_topic_count_deleted", """
                SELECT 'TOPIC' AS figure, r.topic AS label, -1 AS n
                    FROM old_rows r JOIN subscriber s ON s.id = r.subscriber_id WHERE s.status = 'CONFIRMED'
                UNION ALL SELECT 'TOPICAL', '', -1
                    FROM (SELECT DISTINCT subscriber_id FROM old_rows) r JOIN subscriber s ON s.id = r.subscriber_id
                    WHERE s.status = 'CONFIRMED'
                      AND NOT EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = r.subscriber_id)"""),
        """
        CREATE FUNCTION subscriber_topics_first() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM subscriber_topic WHERE subscriber_id = OLD.id;
            RETURN OLD;
        END $$""",
        "CREATE TRIGGER subscriber_counted_inserted AFTER INSERT ON subscriber REFERENCING NEW TABLE AS new_rows"
                + " FOR EACH STATEMENT EXECUTE FUNCTION subscriber_count_inserted()",
        "CREATE TRIGGER subscriber_counted_updated AFTER UPDATE ON subscriber REFERENCING OLD TABLE AS old_rows"
                + " NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subscriber_count_updated()",
        "CREATE TRIGGER subscriber_counted_deleted AFTER DELETE ON subscriber REFERENCING OLD TABLE AS old_rows"
                + " FOR EACH STATEMENT EXECUTE FUNCTION subscriber_count_deleted()",
        "CREATE TRIGGER subscriber_topics_first BEFORE DELETE ON subscriber FOR EACH ROW EXECUTE FUNCTION subscriber_topics_first()",
        "CREATE TRIGGER subscriber_topic_counted_inserted AFTER INSERT ON subscriber_topic REFERENCING NEW TABLE AS new_rows"
                + " FOR EACH STATEMENT EXECUTE FUNCTION subscriber_topic_count_inserted()",
        "CREATE TRIGGER subscriber_topic_counted_deleted AFTER DELETE ON subscriber_topic REFERENCING OLD TABLE AS old_rows"
                + " FOR EACH STATEMENT EXECUTE FUNCTION subscriber_topic_count_deleted()",
    };

    private static final String COUNTER = " CALL \"io.tidings.subscription.H2ReaderCounter\"";
    private static final String[] H2 = {
        "CREATE TRIGGER subscriber_topics_first BEFORE DELETE ON subscriber FOR EACH ROW" + COUNTER,
        "CREATE TRIGGER subscriber_counted AFTER INSERT, UPDATE, DELETE ON subscriber FOR EACH ROW" + COUNTER,
        "CREATE TRIGGER subscriber_topic_before BEFORE INSERT, DELETE ON subscriber_topic FOR EACH ROW" + COUNTER,
        "CREATE TRIGGER subscriber_topic_counted AFTER INSERT, DELETE ON subscriber_topic FOR EACH ROW" + COUNTER,
    };

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE subscriber_count (
                        id     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                        figure VARCHAR(16) NOT NULL,
                        label  VARCHAR(40) NOT NULL,
                        n      BIGINT      NOT NULL
                    )""");
            statement.execute("CREATE INDEX subscriber_count_key ON subscriber_count (figure, label)");
            // The latest bounced readers, read from the end of an index instead of sorting every reader; on
            // PostgreSQL only readers who bounced are in it, so adding a reader costs no entry there.
            statement.execute("CREATE INDEX subscriber_last_bounce ON subscriber (last_bounce_at, id)"
                    + (postgres ? " WHERE last_bounce_at IS NOT NULL" : ""));
            // What the tables hold now, before the triggers count every change from here on.
            String day = postgres ? "TO_CHAR(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "FORMATDATETIME(%s, 'yyyy-MM-dd', 'en', 'UTC')";
            statement.execute("""
                    INSERT INTO subscriber_count (figure, label, n)
                    SELECT 'STATUS', status, COUNT(*) FROM subscriber GROUP BY status
                    UNION ALL SELECT 'CONFIRMED_ON', %1$s, COUNT(*) FROM subscriber WHERE confirmed_at IS NOT NULL GROUP BY %1$s
                    UNION ALL SELECT 'UNSUBSCRIBED_ON', %2$s, COUNT(*) FROM subscriber WHERE unsubscribed_at IS NOT NULL GROUP BY %2$s
                    UNION ALL SELECT 'TOPIC', t.topic, COUNT(*) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                        WHERE s.status = 'CONFIRMED' GROUP BY t.topic
                    UNION ALL SELECT 'TOPICAL', '', COUNT(*) FROM subscriber s WHERE s.status = 'CONFIRMED'
                        AND EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = s.id)"""
                    .formatted(day.formatted("confirmed_at"), day.formatted("unsubscribed_at")));
            for (String sql : postgres ? POSTGRES : H2) {
                statement.execute(sql);
            }
        }
    }
}
