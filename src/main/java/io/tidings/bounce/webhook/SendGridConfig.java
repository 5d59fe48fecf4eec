package io.tidings.bounce.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * SendGrid's signed event webhook.
 *
 * @param publicKey the verification key SendGrid shows for the webhook (base64 of its DER form); unset: the endpoint is off
 * @param tolerance how far the signed timestamp may be from now
 */
@ConfigurationProperties("tidings.webhooks.sendgrid")
record SendGridConfig(String publicKey, Duration tolerance) {
}
