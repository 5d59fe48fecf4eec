package io.tidings.edition;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.tidings.core.Count;
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
    int insertIfAbsent(Frequency frequency, Instant slot, Instant windowStart, Instant windowEnd, String messagePrefix,
                       int articleCount, Instant createdAt);

    Optional<Edition> findByFrequencyAndSlot(Frequency frequency, Instant slot);

    /** Where the next edition's window starts: the end of the last one of this frequency. */
    @Query("SELECT MAX(window_end) FROM edition WHERE frequency = :frequency")
    Optional<Instant> lastWindowEnd(Frequency frequency);

    /** The ids of an edition's articles. */
    @Query("SELECT article_id FROM edition_article WHERE edition_id = :editionId")
    List<Long> articleIdsOf(Long editionId);

    @Query("INSERT INTO edition_article (edition_id, article_id) VALUES (:editionId, :articleId)")
    void addArticle(Long editionId, Long articleId);

    /**
     * Moves an edition to a new status, from one of the given ones; 1 if it moved (or already was there).
     * The operator's word replaces any reason delivery gave for a pause.
     */
    @Query("UPDATE edition SET status = :to, paused_reason = NULL WHERE id = :id AND status IN (:from)")
    int changeStatus(Long id, EditionStatus to, List<EditionStatus> from);

    /** Pauses a sending edition with the reason delivery gives; 1 if it was sending. */
    @Query("UPDATE edition SET status = 'PAUSED', paused_reason = :reason WHERE id = :id AND status = 'ACTIVE'")
    int pauseFor(Long id, String reason);

    /** Editions that delivery paused by itself, for the operator to look at. */
    @Query("SELECT * FROM edition WHERE status = 'PAUSED' AND paused_reason IS NOT NULL ORDER BY id")
    List<Edition> pausedWithReason();

    @Query("SELECT status AS label, COUNT(*) AS count FROM edition GROUP BY status")
    List<Count> countByStatus();

    @Query("SELECT id FROM edition WHERE status = :status")
    List<Long> idsWithStatus(EditionStatus status);

    @Query("UPDATE edition SET recipient_count = :recipientCount WHERE id = :id")
    void setRecipientCount(Long id, int recipientCount);

    /** Editions that may still have messages to send: neither cancelled nor seen complete. */
    @Query("SELECT * FROM edition WHERE status <> 'CANCELLED' AND completed_at IS NULL ORDER BY id")
    List<Edition> unfinished();

    @Query("UPDATE edition SET completed_at = :at WHERE id = :id AND completed_at IS NULL")
    int markCompleted(Long id, Instant at);

    @Query("SELECT * FROM edition ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<Edition> latest(int limit);

    /** The edition whose digests' Message-IDs start with this prefix. */
    @Query("SELECT id FROM edition WHERE message_prefix = :messagePrefix")
    Optional<Long> idByMessagePrefix(String messagePrefix);
}
