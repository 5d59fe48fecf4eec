package io.tidings.delivery;

import io.tidings.mail.SendFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** What a message that did not go comes to: refused for good, failed, or retried later; and what a delivery says. */
@Singleton
class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private final RetryPolicy retries;
    private final SenderRefusals senderRefusals;
    private final Clock clock;

    Failures(RetryPolicy retries, SenderRefusals senderRefusals, Clock clock) {
        this.retries = retries;
        this.senderRefusals = senderRefusals;
        this.clock = clock;
    }

    void delivered(OutboxMessage message) {
        senderRefusals.delivered(message);
    }

    /** Notes what a refusal or failure makes of the message: bounced, failed, or retried later. */
    void failed(OutboxMessage message, SendFailure failure, Outcomes.Batch results) {
        senderRefusals.refused(message, failure);
        if (failure.permanent() && failure.diagnosis() != null) {
            LOG.info("Message {} to {} refused ({}): {}", message.id(), message.recipient(),
                    failure.diagnosis().type().label(), failure.getMessage());
            results.refused(message, failure);
        } else if (failure.permanent()) {
            LOG.warn("Message {} cannot be sent: {}", message.id(), failure.getMessage());
            results.failed(message, failure.getMessage());
        } else if (retries.exhausted(message.attempts())) {
            LOG.info("Message {} to {} failed after {} attempts: {}", message.id(), message.recipient(),
                    message.attempts(), failure.getMessage());
            results.failed(message, failure.getMessage());
        } else {
            results.retry(message, retries.nextAttempt(clock.instant(), message.attempts(), failure), failure.getMessage());
        }
    }
}
