package io.tidings.edition;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.tidings.subscription.Frequency;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EditionRepository extends CrudRepository<Edition, Long> {

    /** Creates the edition of a slot unless it exists (another trigger or instance won); 1 if created. */
    @Query("""
            INSERT INTO edition (frequency, slot, window_start, window_end, status, message_prefix, article_count,
                                 recipient_count, created_at)
            VALUES (:frequency, :slot, :windowStart, :windowEnd, 'ACTIVE', :messagePrefix, :articleCount, 0, :createdAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(String frequency, Instant slot, Instant windowStart, Instant windowEnd, String messagePrefix,
                       int articleCount, Instant createdAt);

    Optional<Edition> findByFrequencyAndSlot(Frequency frequency, Instant slot);

    /** Where the next edition's window starts: the end of the last one of this frequency. */
    @Query("SELECT MAX(window_end) FROM edition WHERE frequency = :frequency")
    Optional<Instant> lastWindowEnd(String frequency);

    /** The articles that reached the service in [start, end) and may be mailed, newest first. */
    @Query("""
            SELECT id, url, title, summary, author, published_at FROM article
            WHERE first_seen_at >= :start AND first_seen_at < :end AND in_digests
            ORDER BY published_at DESC, id DESC""")
    List<DigestArticle> articlesSeenBetween(Instant start, Instant end);

    /** An edition's articles, newest first. */
    @Query("""
            SELECT a.id, a.url, a.title, a.summary, a.author, a.published_at
            FROM edition_article ea JOIN article a ON a.id = ea.article_id
            WHERE ea.edition_id = :editionId
            ORDER BY a.published_at DESC, a.id DESC""")
    List<DigestArticle> articlesOf(Long editionId);

    /** The topics of the given articles. */
    @Query("SELECT article_id, topic FROM article_topic WHERE article_id IN (:articleIds)")
    List<ArticleTopic> topicsOf(List<Long> articleIds);

    @Query("INSERT INTO edition_article (edition_id, article_id) VALUES (:editionId, :articleId)")
    void addArticle(Long editionId, Long articleId);

    /**
     * Queues the edition for every confirmed, unpaused subscriber of its frequency who chose none of the
     * topics, or one of {@code topics} (those of its articles), or everyone when {@code everyone}
     * (an article without topics is for all readers), in one statement: the subscriber list never
     * passes through the service. Readers' topics are folded into one row each and hash-joined, so
     * a million readers cost one pass over each table. The unique (edition, subscriber) index makes
     * a repeat queue nothing twice.
     */
    @Query("""
            INSERT INTO outbox (kind, subscriber_id, edition_id, recipient, recipient_name, message_id, status, attempts,
                                due_at, created_at)
            SELECT 'DIGEST', s.id, :editionId, s.email, s.name, CONCAT('<', :messagePrefix, '.', s.id, '@', :domain, '>'),
                   'PENDING', 0, :now, :now
            FROM subscriber s
            LEFT JOIN (SELECT subscriber_id, MAX(CASE WHEN topic IN (:topics) THEN 1 ELSE 0 END) AS meets
                       FROM subscriber_topic GROUP BY subscriber_id) chosen ON chosen.subscriber_id = s.id
            WHERE s.status = 'CONFIRMED' AND s.frequency = :frequency
              AND (s.paused_until IS NULL OR s.paused_until <= :now)
              AND (:everyone OR chosen.subscriber_id IS NULL OR chosen.meets = 1)
            ON CONFLICT DO NOTHING""")
    int queueRecipients(Long editionId, String frequency, String messagePrefix, String domain, Instant now,
                        boolean everyone, List<String> topics);

    /** Moves an edition to a new status, from one of the given ones; 1 if it moved (or already was there). */
    @Query("UPDATE edition SET status = :to WHERE id = :id AND status IN (:from)")
    int changeStatus(Long id, String to, List<String> from);

    @Query("UPDATE edition SET recipient_count = :recipientCount WHERE id = :id")
    void setRecipientCount(Long id, int recipientCount);

    /** Editions that may still have messages to send: neither cancelled nor seen complete. */
    @Query("SELECT * FROM edition WHERE status <> 'CANCELLED' AND completed_at IS NULL ORDER BY id")
    List<Edition> unfinished();

    @Query("UPDATE edition SET completed_at = :at WHERE id = :id AND completed_at IS NULL")
    int markCompleted(Long id, Instant at);

    @Query("SELECT * FROM edition ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<Edition> latest(int limit);

    /**
     * How many of an edition's digests are in each delivery state and, of the sent ones, how many
     * were sent since a time (the recent rate): one pass over the edition's rows, which is most of
     * what a progress report costs the database.
     */
    @Query("""
            SELECT status, COUNT(*) AS count, SUM(CASE WHEN status = 'SENT' AND sent_at >= :since THEN 1 ELSE 0 END) AS recent
            FROM outbox WHERE edition_id = :editionId AND kind = 'DIGEST' GROUP BY status""")
    List<StatusCount> deliveryCounts(Long editionId, Instant since);
}
