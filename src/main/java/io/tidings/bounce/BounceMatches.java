package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.tidings.delivery.Outbox;
import io.tidings.delivery.SentMessage;
import io.tidings.edition.EditionPrefixes;
import io.tidings.mail.ReturnPath;
import io.tidings.subscription.ReaderBounces;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Finds what a report is about from its {@link Clues}, surest first: the VERP token names the outbox
 * row; our Message-ID names a digest by its edition's prefix and its reader, or else one of the
 * messages of the reader the recipient names; the recipient's address alone names a reader.
 */
@Singleton
class BounceMatches {

    private final ReturnPath returnPath;
    private final Outbox outbox;
    private final EditionPrefixes editions;
    private final ReaderBounces readers;

    BounceMatches(ReturnPath returnPath, Outbox outbox, EditionPrefixes editions, ReaderBounces readers) {
        this.returnPath = returnPath;
        this.outbox = outbox;
        this.editions = editions;
        this.readers = readers;
    }

    /**
     * What a report is about.
     *
     * @param messageId the outbox row, where the report named one
     */
    record Match(@Nullable Long messageId, @Nullable Long subscriberId, @Nullable Long editionId, String recipient) {

        static Match of(SentMessage message) {
            return new Match(message.id(), message.subscriberId(), message.editionId(), message.recipient());
        }
    }

    Optional<Match> match(Clues clues) {
        Optional<SentMessage> byToken = returnPath.outboxId(clues.verpToken()).flatMap(outbox::message);
        if (byToken.isPresent()) {
            return byToken.map(Match::of);
        }
        Optional<Long> reader = clues.recipient() == null ? Optional.empty() : readers.readerOf(clues.recipient());
        if (clues.messageId() != null) {
            Optional<SentMessage> byMessageId = outbox.byMessageId(clues.messageId(), editions::editionOf, reader.orElse(null));
            if (byMessageId.isPresent()) {
                return byMessageId.map(Match::of);
            }
        }
        return reader.map(id -> new Match(null, id, null, clues.recipient().strip()));
    }
}
