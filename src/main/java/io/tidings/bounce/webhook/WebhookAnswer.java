package io.tidings.bounce.webhook;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What became of a provider's request: how many of its reports were recorded against a message or
 * reader, and how many changed nothing (events that are no bounce, readers nobody knows).
 */
@Serdeable
record WebhookAnswer(int recorded, int ignored) {
}
