package io.tidings.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.tidings.core.Secret;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against one secret, behind the throttle on wrong
 * tokens: the request passes, or gets a 401 or 429 problem.
 */
@Singleton
public class BearerAuth {

    private static final String BEARER = "Bearer ";
    private final AuthFailures failures;
    private final ErrorResponses errors;

    BearerAuth(AuthFailures failures, ErrorResponses errors) {
        this.failures = failures;
        this.errors = errors;
    }

    /**
     * Null when the request presents the secret; otherwise the answer to send. A request without an
     * Authorization header is no guess and is not counted.
     */
    @Nullable
    public MutableHttpResponse<?> refusal(HttpRequest<?> request, Secret secret, String realm, String problem) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return unauthorized(request, realm, problem);
        }
        boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String presented = bearer ? authorization.substring(BEARER.length()).strip() : authorization;
        Optional<Duration> wait = failures.waitFor(request, presented);
        if (wait.isPresent()) {
            return errors.of(request, HttpStatus.TOO_MANY_REQUESTS,
                            "Too many wrong tokens from your address. Please wait and try again.")
                    .header(HttpHeaders.RETRY_AFTER, AuthFailures.retryAfter(wait.get()));
        }
        if (bearer && secret.matches(presented)) {
            return null;
        }
        failures.failed(request, presented);
        return unauthorized(request, realm, problem);
    }

    private MutableHttpResponse<?> unauthorized(HttpRequest<?> request, String realm, String problem) {
        return errors.of(request, HttpStatus.UNAUTHORIZED, problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"");
    }
}
