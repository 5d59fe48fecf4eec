package io.tidings.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How long the outbox keeps each email's row (docs/history.md): a finished edition's rows, and other
 * final ones, older than {@code retention} are folded into counts, {@code batchSize} rows a transaction.
 */
@ConfigurationProperties("tidings.history")
public record HistoryConfig(Duration retention, int batchSize) {
}
