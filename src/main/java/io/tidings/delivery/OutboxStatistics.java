package io.tidings.delivery;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import io.tidings.core.Database;
import jakarta.inject.Singleton;

/**
 * Refreshes the planner's statistics of the outbox once a large batch (an edition) is queued. Until
 * autovacuum gets round to it, PostgreSQL's planner believed the table held what it held before: it
 * claimed rows by sorting every due row instead of reading the first hundred from the due index, and
 * counted an edition's progress with a sort on disk. At 100,000 queued digests a claim took 60 to
 * 300 ms instead of about one.
 */
@Singleton
class OutboxStatistics {

    /** Fewer rows leave the statistics close enough to the truth. */
    static final int LARGE_BATCH = 1_000;
    private final Database database;

    OutboxStatistics(Database database) {
        this.database = database;
    }

    @TransactionalEventListener
    void onQueued(MessagesQueued event) {
        if (event.count() >= LARGE_BATCH) {
            database.refreshStatistics("outbox");
        }
    }
}
