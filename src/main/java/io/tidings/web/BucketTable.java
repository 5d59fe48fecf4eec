package io.tidings.web;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tidings.core.Database;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The throttles' buckets that every instance shares, in {@code throttle_bucket} (PostgreSQL only;
 * Bucket4j's PostgreSQL proxy manager). A row's {@code expires_at} is when its bucket is full again,
 * after which it says nothing a new bucket would not; the purge deletes such rows, by the service's
 * clock, a batch at a time on one instance, so that the keys of passers-by do not pile up.
 */
@Singleton
class BucketTable {

    private static final Logger LOG = LoggerFactory.getLogger(BucketTable.class);
    static final int PURGE_BATCH = 1000;
    private final DataSource pool;
    private final Clock clock;
    private final ProxyManager<String> proxies;

    BucketTable(Database database, DataSource dataSource, Clock clock) {
        // The pool itself: a bucket commits on its own connection, outside any transaction of the request.
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
        this.proxies = !database.sharedByInstances() ? null : Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("throttle_bucket")
                .clientClock(new ServiceTime(clock))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /** The shared buckets; empty where one instance serves, which keeps its own. */
    Optional<ProxyManager<String>> proxies() {
        return Optional.ofNullable(proxies);
    }

    @Scheduled(fixedDelay = "${tidings.throttles.purge-interval:10m}", initialDelay = "${tidings.throttles.purge-interval:10m}")
    @SchedulerLock(name = "throttle-buckets", lockAtMostFor = "10m")
    public void purge() {
        if (proxies == null) {
            return;
        }
        long deleted = 0;
        int batch;
        do {
            batch = deleteExpired();
            deleted += batch;
        } while (batch == PURGE_BATCH);
        if (deleted > 0) {
            LOG.info("Throttles: {} full buckets dropped", deleted);
        }
    }

    /** Deletes a batch of rows whose buckets are full again, skipping any a request holds now. */
    private int deleteExpired() {
        try (Connection connection = pool.getConnection(); PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM throttle_bucket WHERE id IN (
                    SELECT id FROM throttle_bucket WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)""")) {
            delete.setLong(1, clock.millis());
            delete.setInt(2, PURGE_BATCH);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge throttle_bucket", e);
        }
    }
}
