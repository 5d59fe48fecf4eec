package io.tidings.admin;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/** Deletes audit entries older than AUDIT_RETENTION, a small transaction at a time, on one instance. */
@Singleton
class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
    private final AuditRepository entries;
    private final AuditConfig config;
    private final Clock clock;

    AuditRetention(AuditRepository entries, AuditConfig config, Clock clock) {
        this.entries = entries;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.audit.purge-interval:1h}", initialDelay = "${tidings.audit.purge-interval:1h}")
    @SchedulerLock(name = "audit-retention", lockAtMostFor = "1h")
    public void purge() {
        Instant before = clock.instant().minus(config.retention());
        long deleted = 0;
        int batch;
        do {
            batch = entries.deleteOlder(before, config.batchSize());
            deleted += batch;
        } while (batch == config.batchSize());
        if (deleted > 0) {
            LOG.info("Audit log: {} entries older than {} deleted", deleted, config.retention());
        }
    }
}
