package io.tidings.subscription;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Confirmed readers as CSV in {@link SubscriberImports#COLUMNS}, with the consent each gave. */
@Singleton
public class SubscriberExports {

    private final JdbcOperations jdbc;

    SubscriberExports(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole file, built in memory: about 100 bytes per reader. */
    @Transactional(readOnly = true)
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", SubscriberImports.COLUMNS)).append("\r\n");
        // Each confirmed reader with their topics and where their latest consent came from.
        jdbc.prepareStatement("""
                SELECT s.email, s.name, s.frequency, s.confirmed_at,
                       (SELECT STRING_AGG(t.topic, ';' ORDER BY t.topic) FROM subscriber_topic t WHERE t.subscriber_id = s.id) AS topics,
                       (SELECT COALESCE(c.evidence, LOWER(c.source)) FROM consent_event c
                        WHERE c.subscriber_id = s.id AND c.kind IN ('confirmed', 'imported')
                        ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) AS consent_source
                FROM subscriber s WHERE s.status = 'CONFIRMED' ORDER BY s.id""", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> fields = new ArrayList<>();
                    fields.add(rows.getString("email"));
                    fields.add(rows.getString("name"));
                    fields.add(rows.getString("topics"));
                    fields.add(rows.getString("frequency").toLowerCase(Locale.ROOT));
                    fields.add(rows.getString("consent_source"));
                    fields.add(rows.getObject("confirmed_at", OffsetDateTime.class).toInstant().toString());
                    out.append(String.join(",", fields.stream().map(SubscriberExports::quoted).toList())).append("\r\n");
                }
            }
            return null;
        });
        return out.toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String quoted(String value) {
        if (value == null) {
            return "";
        }
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
