package io.tidings.bounce.webhook;

import io.micronaut.http.HttpStatus;

/**
 * A provider's request that is not believed (a signature that does not verify, a replay, a topic not
 * on the list) or not understood. Thrown before anything it says is acted on, so nothing changes.
 */
final class WebhookRefusal extends RuntimeException {

    private final HttpStatus status;

    private WebhookRefusal(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    /** Not configured: the endpoint does not exist, as for {@code POST /webhooks/bounces} without a token. */
    static WebhookRefusal off(String provider, String settings) {
        return new WebhookRefusal(HttpStatus.NOT_FOUND, "The " + provider + " webhook is off (set " + settings + ").");
    }

    static WebhookRefusal unbelieved(String why) {
        return new WebhookRefusal(HttpStatus.FORBIDDEN, why);
    }

    static WebhookRefusal replayed(String why) {
        return new WebhookRefusal(HttpStatus.CONFLICT, why);
    }

    static WebhookRefusal malformed(String why) {
        return new WebhookRefusal(HttpStatus.BAD_REQUEST, why);
    }

    /** A peer the request names (SNS, to confirm a subscription) did not answer as it should. */
    static WebhookRefusal peerFailed(String why) {
        return new WebhookRefusal(HttpStatus.BAD_GATEWAY, why);
    }
}
