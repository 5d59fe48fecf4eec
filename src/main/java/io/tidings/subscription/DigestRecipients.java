package io.tidings.subscription;

import java.util.List;

/**
 * Who gets an edition's digest: every confirmed, unpaused subscriber of its frequency who chose none
 * of the topics, or one of {@code topics} (those of its articles), or everyone when {@code everyone}
 * (an article without topics is for all). The selection is {@link #SELECT}, an SQL fragment this
 * package owns and the outbox's set-based insert wraps, so queueing a million subscribers stays one
 * statement and the list never passes through the service.
 */
public record DigestRecipients(Frequency frequency, boolean everyone, List<String> topics) {

    /**
     * Columns {@code id, email, name}; parameters {@code :frequency}, {@code :now}, {@code :everyone} and
     * {@code :topics}. Each subscriber's topics are folded into one row and hash-joined, so a million
     * subscribers cost one pass over each table.
     */
    public static final String SELECT = """
            SELECT s.id, s.email, s.name FROM subscriber s
            LEFT JOIN (SELECT subscriber_id, MAX(CASE WHEN topic IN (:topics) THEN 1 ELSE 0 END) AS meets
                       FROM subscriber_topic GROUP BY subscriber_id) chosen ON chosen.subscriber_id = s.id
            WHERE s.status = 'CONFIRMED' AND s.frequency = :frequency
              AND (s.paused_until IS NULL OR s.paused_until <= :now)
              AND (:everyone OR chosen.subscriber_id IS NULL OR chosen.meets = 1)""";

    public DigestRecipients {
        topics = List.copyOf(topics);
    }

    /** The topics to bind: an empty list would bind as NULL, which no topic equals either. */
    public List<String> topicsToBind() {
        return topics.isEmpty() ? List.of("") : topics;
    }
}
