package io.tidings.subscription;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/** Forgets addresses that never confirmed: they gave no consent to be kept. */
@Singleton
public class PendingCleanupJob {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCleanupJob.class);
    private final SubscriberRepository subscribers;
    private final SubscriptionConfig config;
    private final Clock clock;

    PendingCleanupJob(SubscriberRepository subscribers, SubscriptionConfig config, Clock clock) {
        this.subscribers = subscribers;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.subscription.cleanup-interval:1h}", initialDelay = "1m")
    @SchedulerLock(name = "pending-cleanup")
    @Transactional
    public void run() {
        Instant cutoff = clock.instant().minus(config.pendingRetention());
        subscribers.deleteOutboxOfUnconfirmedBefore(cutoff);
        int deleted = subscribers.deleteUnconfirmedBefore(cutoff);
        if (deleted > 0) {
            LOG.info("Deleted {} subscribers that did not confirm within {}", deleted, config.pendingRetention());
        }
    }
}
