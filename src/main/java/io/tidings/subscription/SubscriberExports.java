package io.tidings.subscription;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Confirmed readers as CSV in {@link SubscriberImports#COLUMNS}, with the consent each gave. */
@Singleton
public class SubscriberExports {

    private final SubscriberRepository subscribers;

    SubscriberExports(SubscriberRepository subscribers) {
        this.subscribers = subscribers;
    }

    /** The whole file, built in memory as the rows stream in: about 100 bytes per reader. */
    @Transactional(readOnly = true)
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", SubscriberImports.COLUMNS)).append("\r\n");
        try (Stream<ExportRow> rows = subscribers.exportRows()) {
            rows.forEach(row -> {
                List<String> fields = new ArrayList<>();
                fields.add(row.email());
                fields.add(row.name());
                fields.add(row.topics());
                fields.add(row.frequency().label());
                fields.add(row.consentSource());
                fields.add(row.confirmedAt().toString());
                out.append(String.join(",", fields.stream().map(SubscriberExports::quoted).toList())).append("\r\n");
            });
        }
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
