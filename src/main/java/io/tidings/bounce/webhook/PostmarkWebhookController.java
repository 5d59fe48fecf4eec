package io.tidings.bounce.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.tidings.bounce.Report;
import io.tidings.core.Secret;
import io.tidings.web.AuthFailures;
import io.tidings.web.ErrorResponses;
import io.tidings.web.ProblemResponses;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Postmark's Bounce and SpamComplaint webhooks, behind basic auth compared in constant time and the
 * same brake on guessing as the admin token.
 */
@Controller("/webhooks/postmark")
@ProblemResponses
class PostmarkWebhookController {

    private static final String BASIC = "Basic ";
    private final PostmarkConfig config;
    private final Secret credentials;
    private final AuthFailures failures;
    private final ErrorResponses errors;
    private final WebhookJson json;
    private final ProviderReports reports;
    private final Clock clock;

    PostmarkWebhookController(PostmarkConfig config, AuthFailures failures, ErrorResponses errors, WebhookJson json,
                              ProviderReports reports, Clock clock) {
        this.config = config;
        this.credentials = Secret.of(config.user() + ":" + config.password());
        this.failures = failures;
        this.errors = errors;
        this.json = json;
        this.reports = reports;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> receive(HttpRequest<?> request, @Body byte[] body) {
        if (!config.on()) {
            throw WebhookRefusal.off("Postmark", "POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD");
        }
        HttpResponse<?> refusal = refusal(request);
        if (refusal != null) {
            return refusal;
        }
        PostmarkEvent event = json.read(body, Argument.of(PostmarkEvent.class), "The Postmark record");
        Optional<Report> report = PostmarkEvents.report(event, clock.instant());
        return HttpResponse.ok(reports.record(report.stream().toList(), report.isPresent() ? 0 : 1));
    }

    /** Null when the request presents the configured user and password; otherwise the 401 or 429 to send. */
    private HttpResponse<?> refusal(HttpRequest<?> request) {
        String presented = presented(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            return unauthorized(request);
        }
        Optional<Duration> wait = failures.waitFor(request, presented);
        if (wait.isPresent()) {
            return errors.of(request, HttpStatus.TOO_MANY_REQUESTS, "Too many wrong credentials from your address.")
                    .header(HttpHeaders.RETRY_AFTER, AuthFailures.retryAfter(wait.get()));
        }
        if (credentials.matches(presented)) {
            return null;
        }
        failures.failed(request, presented);
        return unauthorized(request);
    }

    /** The {@code user:password} of a Basic Authorization header, or null. */
    private static String presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private HttpResponse<?> unauthorized(HttpRequest<?> request) {
        return errors.of(request, HttpStatus.UNAUTHORIZED, "The Postmark webhook needs its user and password.")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tidings-postmark\"");
    }
}
