package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.tidings.core.Secret;
import io.tidings.web.AuthFailures;
import io.tidings.web.ErrorResponses;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The basic auth Postmark's webhook URL carries, compared in constant time (as a digest, so that
 * neither the credentials nor their length leak), behind the same brake on guessing as the admin token.
 */
@Singleton
class PostmarkAuth {

    private static final String BASIC = "Basic ";
    private final Secret credentials;
    private final AuthFailures failures;
    private final ErrorResponses errors;

    PostmarkAuth(PostmarkConfig config, AuthFailures failures, ErrorResponses errors) {
        this.credentials = Secret.of(config.user() + ":" + config.password());
        this.failures = failures;
        this.errors = errors;
    }

    /** Null when the request presents the configured user and password; otherwise the 401 or 429 to send. */
    @Nullable
    MutableHttpResponse<?> refusal(HttpRequest<?> request) {
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
    @Nullable
    private static String presented(@Nullable String authorization) {
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

    private MutableHttpResponse<?> unauthorized(HttpRequest<?> request) {
        return errors.of(request, HttpStatus.UNAUTHORIZED, "The Postmark webhook needs its user and password.")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tidings-postmark\"");
    }
}
