package io.tidings.bounce.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Postmark's bounce and spam complaint webhooks, which sign nothing: the webhook URL carries basic
 * auth credentials ({@code https://user:password@host/webhooks/postmark}). Either unset: the endpoint is off.
 */
@ConfigurationProperties("tidings.webhooks.postmark")
record PostmarkConfig(String user, String password) {

    boolean on() {
        return !user.isBlank() && !password.isBlank();
    }
}
