package io.tidings.bounce;

import io.micronaut.context.event.ApplicationEventListener;
import io.tidings.delivery.MessagesRefused;
import jakarta.inject.Singleton;

/**
 * The relay's permanent refusals during SMTP go through the same log as every later bounce, in the
 * transaction that records them: each names its outbox row itself, so nothing needs matching.
 */
@Singleton
class SmtpRefusals implements ApplicationEventListener<MessagesRefused> {

    private final BounceLog log;

    SmtpRefusals(BounceLog log) {
        this.log = log;
    }

    @Override
    public void onApplicationEvent(MessagesRefused refused) {
        for (MessagesRefused.Refusal refusal : refused.refusals()) {
            log.store(new BounceMatches.Match(refusal.messageId(), refusal.subscriberId(), refusal.editionId(), refusal.recipient()),
                    new Report(refusal.diagnosis().type(), refusal.diagnosis().status(), refusal.reply(), Source.SMTP,
                            refused.at(), new Clues(null, null, refusal.recipient())));
        }
    }
}
