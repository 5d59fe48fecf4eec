package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Locale;

/** What one reading of the bounce mailbox came to. */
record MailboxPoll(Instant at, Result result, int removed, int left, @Nullable String error) {

    enum Result {
        /** Every message was read; bounces recorded and removed, the rest left. */
        OK,
        /** The mailbox could not be reached, logged into or read. */
        UNREADABLE,
        /** A bounce could not be recorded: it stays in the mailbox for the next poll. */
        FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
