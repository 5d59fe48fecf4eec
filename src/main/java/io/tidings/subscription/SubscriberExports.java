package io.tidings.subscription;

import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Confirmed readers as CSV in {@link SubscriberImports#COLUMNS}, with the consent each gave, streamed
 * from a cursor in any number; fields that a spreadsheet would take for a formula are guarded with a
 * leading quote, which an import of this format takes off again.
 */
@Singleton
public class SubscriberExports {

    /** Each confirmed subscriber with their topics and where their latest consent came from, oldest first. */
    private static final String ROWS = """
            SELECT s.email, s.name,
                   (SELECT STRING_AGG(t.topic, ';' ORDER BY t.topic) FROM subscriber_topic t WHERE t.subscriber_id = s.id) AS topics,
                   s.frequency,
                   (SELECT COALESCE(c.evidence, LOWER(c.source)) FROM consent_event c
                    WHERE c.subscriber_id = s.id AND c.kind IN ('confirmed', 'imported')
                    ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) AS consent_source,
                   s.confirmed_at
            FROM subscriber s WHERE s.status = 'CONFIRMED' ORDER BY s.id""";
    private final CsvCursors cursors;

    SubscriberExports(CsvCursors cursors) {
        this.cursors = cursors;
    }

    public Publisher<byte[]> csv() {
        return cursors.csv(SubscriberImports.COLUMNS, ROWS, List.of(), row -> Arrays.asList(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                Frequency.valueOf(row.getString(4)).label(),
                row.getString(5),
                row.getObject(6, OffsetDateTime.class).toInstant().toString()));
    }

}
