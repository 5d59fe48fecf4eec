package io.tidings.delivery;

import io.micronaut.context.annotation.Value;
import io.tidings.mail.Diagnosis;
import io.tidings.mail.SendFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pauses an edition whose sender or message the relay keeps refusing for good (blocked by policy or
 * reputation, an unknown sender, DMARC, a message too large), instead of walking the whole list into
 * failures: after {@code limit} such refusals of its digests in a row on this instance. A delivered
 * digest, or a refusal about the reader (an unknown address), ends the run, since then the sender and
 * the message are fine. The reason goes to the edition ({@link EditionGate#pause}), where the
 * operator reads it, and to the log.
 */
@Singleton
class SenderRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(SenderRefusals.class);
    private final EditionGate gate;
    private final int limit;
    private final Map<Long, Integer> runs = new ConcurrentHashMap<>();

    SenderRefusals(EditionGate gate, @Value("${tidings.editions.pause-after-sender-refusals}") int limit) {
        this.gate = gate;
        this.limit = limit;
    }

    /** The relay accepted one of the edition's digests: its sender and message are fine. */
    void delivered(OutboxMessage message) {
        if (message.editionId() != null && !runs.isEmpty()) {
            runs.remove(message.editionId());
        }
    }

    /** The relay refused one of the edition's digests; a run of refusals about the sender or the message pauses the edition. */
    void refused(OutboxMessage message, SendFailure failure) {
        Diagnosis diagnosis = failure.diagnosis();
        if (message.kind() != MessageKind.DIGEST || diagnosis == null || !diagnosis.permanent() || limit <= 0) {
            return;
        }
        long edition = message.editionId();
        if (diagnosis.type().readersDoing()) {
            runs.remove(edition);
            return;
        }
        int run = runs.merge(edition, 1, Integer::sum);
        if (run < limit) {
            return;
        }
        runs.remove(edition);
        String reason = abbreviated(run + " refusals in a row of the sender or the message (" + diagnosis.type().label()
                + (diagnosis.status() == null ? "" : " " + diagnosis.status()) + "), the last: " + failure.getMessage());
        if (gate.pause(edition, reason)) {
            LOG.warn("Edition {} paused: {}. Mend the sender or the message, then resume the edition.", edition, reason);
        }
    }

    /** As much as the edition keeps. */
    private static String abbreviated(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 999) + "…";
    }
}
