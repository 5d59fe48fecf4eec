package io.tidings.bounce.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Mailgun's webhooks.
 *
 * @param signingKey the HTTP webhook signing key of the Mailgun account; unset: the endpoint is off
 * @param tolerance  how far the signed timestamp may be from now; a token is remembered that long
 */
@ConfigurationProperties("tidings.webhooks.mailgun")
record MailgunConfig(String signingKey, Duration tolerance) {
}
