package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BounceRepository extends CrudRepository<Bounce, Long> {

    /** Reports of this type already stored about this message: a DSN read twice (a mailbox re-read, a retried webhook). */
    @Query("SELECT COUNT(*) FROM bounce WHERE message_id = :messageId AND type = :type")
    long countAbout(long messageId, String type);

    /** The messages to a reader that a bounce of any kind came back for, since a time. */
    @Query("""
            SELECT DISTINCT message_id FROM bounce
            WHERE subscriber_id = :subscriberId AND received_at >= :since AND message_id IS NOT NULL""")
    List<Long> bouncedMessages(long subscriberId, Instant since);

    /** A reader's soft bounces since a time, leaving out those an operator undid. */
    @Query("""
            SELECT COUNT(*) FROM bounce
            WHERE subscriber_id = :subscriberId AND type = 'soft' AND received_at >= :since AND restored_at IS NULL""")
    long countSoft(long subscriberId, Instant since);

    /** A reader's hard bounces, leaving out those an operator undid. */
    @Query("SELECT COUNT(*) FROM bounce WHERE subscriber_id = :subscriberId AND type = 'hard' AND restored_at IS NULL")
    long countHardNotRestored(long subscriberId);

    /** One page of bounces of a type (or all, for null) since a time, newest first. */
    @Query("""
            SELECT * FROM bounce WHERE (:type IS NULL OR type = :type) AND received_at >= :since
            ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    List<Bounce> listed(@Nullable String type, Instant since, int limit, long offset);

    @Query("SELECT COUNT(*) FROM bounce WHERE (:type IS NULL OR type = :type) AND received_at >= :since")
    long countListed(@Nullable String type, Instant since);

    /** A reader's bounces and complaints, oldest first. */
    @Query("SELECT * FROM bounce WHERE subscriber_id = :subscriberId ORDER BY received_at, id")
    List<Bounce> ofReader(long subscriberId);
}
