package io.tidings.bounce;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * The bounce mailbox: where it is ({@code imaps://user:password@host/INBOX}, {@code imap://},
 * {@code pop3s://}, {@code pop3://}; unset, nothing is read), how often it is read, where handled
 * messages go instead of being deleted (IMAP only), how many messages are fetched per round, the
 * network timeout, and the hosts whose certificate is taken without a CA or name check.
 */
@ConfigurationProperties("tidings.bounce-mailbox")
public record BounceMailboxConfig(
        @Nullable String url,
        Duration poll,
        @Nullable String doneFolder,
        int pageSize,
        Duration timeout,
        @Nullable String tlsTrust) {
}
