package io.tidings.subscription;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/** Forgets addresses that never confirmed: they gave no consent to be kept. */
@Singleton
public class PendingCleanupJob {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCleanupJob.class);
    /** Ids bound per statement, well under PostgreSQL's limit of bind parameters. */
    private static final int CHUNK = 1_000;
    private final SubscriberRepository subscribers;
    private final ConsentEventRepository consents;
    private final Outbox outbox;
    private final SubscriptionConfig config;
    private final Clock clock;

    PendingCleanupJob(SubscriberRepository subscribers, ConsentEventRepository consents, Outbox outbox,
                      SubscriptionConfig config, Clock clock) {
        this.subscribers = subscribers;
        this.consents = consents;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.subscription.cleanup-interval:1h}", initialDelay = "1m")
    @SchedulerLock(name = "pending-cleanup")
    @Transactional
    public void run() {
        List<Long> stale = subscribers.unconfirmedBefore(clock.instant().minus(config.pendingRetention()));
        int deleted = 0;
        for (int from = 0; from < stale.size(); from += CHUNK) {
            // Locked first, so that none confirms between its consent records going and the reader going.
            List<Long> chunk = subscribers.lockUnconfirmed(stale.subList(from, Math.min(stale.size(), from + CHUNK)));
            if (chunk.isEmpty()) {
                continue;
            }
            // Their queued emails carry the address; neither the outbox nor consent records keep a foreign key.
            outbox.forget(chunk);
            consents.forget(chunk);
            deleted += subscribers.deleteUnconfirmed(chunk);
        }
        if (deleted > 0) {
            LOG.info("Deleted {} subscribers that did not confirm within {}", deleted, config.pendingRetention());
        }
    }
}
