package io.tidings.delivery;

import io.micronaut.core.annotation.Nullable;
import io.tidings.mail.Diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * Messages the relay refused for good during SMTP, published inside the transaction that records
 * the refusals: whoever keeps count of readers' bounces acts on them there, by what each is about.
 */
public record MessagesRefused(List<Refusal> refusals, Instant at) {

    public MessagesRefused {
        refusals = List.copyOf(refusals);
    }

    /** One refused message and the relay's answer, as the classifier read it. */
    public record Refusal(long messageId, @Nullable Long subscriberId, @Nullable Long editionId, String recipient,
                          Diagnosis diagnosis, String reply) {
    }
}
