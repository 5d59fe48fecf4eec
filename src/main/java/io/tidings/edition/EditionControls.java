package io.tidings.edition;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.NotFoundException;
import io.tidings.delivery.EditionGate;
import io.tidings.delivery.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The operator's hold on a sending edition. Pausing stops new claims of its rows at once (claims skip
 * the editions {@link #held} names) and sends claimed ones back to wait; resuming lets
 * the same rows be claimed again, so nothing sent is sent twice; cancelling suppresses what is left.
 */
@Singleton
class EditionControls implements EditionGate {

    private static final Logger LOG = LoggerFactory.getLogger(EditionControls.class);
    private final EditionRepository editions;
    private final Outbox outbox;
    private final DigestComposer composer;

    EditionControls(EditionRepository editions, Outbox outbox, DigestComposer composer) {
        this.editions = editions;
        this.outbox = outbox;
        this.composer = composer;
    }

    /** The edition, paused; false when it was cancelled already. */
    @Transactional
    boolean pause(long id) {
        boolean paused = change(id, EditionStatus.PAUSED, EditionStatus.ACTIVE, EditionStatus.PAUSED);
        composer.forget(id);
        return paused;
    }

    /** Delivery's pause: this instance's workers hand back the edition's rows from their next message on. */
    @Override
    @Transactional
    public boolean pause(long id, String reason) {
        boolean paused = editions.pauseFor(id, reason) == 1;
        composer.forget(id);
        return paused;
    }

    /** The edition, sending again; false when it was cancelled already. */
    @Transactional
    boolean resume(long id) {
        boolean resumed = change(id, EditionStatus.ACTIVE, EditionStatus.PAUSED, EditionStatus.ACTIVE);
        if (resumed) {
            outbox.announce(Integer.MAX_VALUE);
        }
        return resumed;
    }

    /** The edition, cancelled for good: its queued digests are suppressed. */
    @Transactional
    void cancel(long id) {
        change(id, EditionStatus.CANCELLED, EditionStatus.values());
        int suppressed = outbox.suppressPendingOfEdition(id);
        LOG.info("Edition {} cancelled: {} queued digests suppressed", id, suppressed);
    }

    /** Paused editions; a cancelled one's queued digests are suppressed instead, and a claimed one's as it comes up. */
    @Override
    public List<Long> held() {
        return editions.idsWithStatus(EditionStatus.PAUSED);
    }

    private boolean change(long id, EditionStatus to, EditionStatus... from) {
        editions.findById(id).orElseThrow(() -> new NotFoundException("no edition " + id));
        return editions.changeStatus(id, to, List.of(from)) == 1;
    }
}
