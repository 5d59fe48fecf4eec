package io.tidings.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.core.Secret;

import java.util.Optional;

/**
 * {@code /prometheus} answers only to {@code Authorization: Bearer <METRICS_TOKEN>}, a token of its
 * own so that a scraper's configuration never holds the admin token. Without METRICS_TOKEN it answers
 * to nobody: "loopback only" would open it to the world behind a proxy on the same host, where every
 * request comes from 127.0.0.1, and a scraper has to be configured anyway.
 */
@ServerFilter({"/prometheus", "/prometheus/**"})
class MetricsAccess {

    private final Optional<Secret> token;
    private final BearerAuth bearer;
    private final ErrorResponses errors;

    MetricsAccess(@Value("${tidings.metrics-token:}") String configured, BearerAuth bearer, ErrorResponses errors) {
        this.token = configured.isBlank() ? Optional.empty() : Optional.of(Secret.of(configured.strip()));
        this.bearer = bearer;
        this.errors = errors;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING) // on PostgreSQL the wrong-token throttle is read from the database
    @Nullable
    HttpResponse<?> authorize(HttpRequest<?> request) {
        if (token.isEmpty()) {
            return errors.of(request, HttpStatus.FORBIDDEN,
                    "metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <METRICS_TOKEN>");
        }
        return bearer.refusal(request, token.get(), "tidings-metrics", "a valid metrics bearer token (METRICS_TOKEN) is required");
    }
}
