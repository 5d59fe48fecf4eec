package io.tidings.admin;

import io.micronaut.security.annotation.Secured;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthResult;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import java.security.Principal;

/**
 * The health document with every part, for the operator (admin bearer token or dashboard session,
 * as everywhere under /admin). {@code /health} itself shows anonymous callers the status alone: the
 * endpoint shows details only to a caller it is given a principal for, and nothing gives it one there.
 */
@Tag(name = "Admin: health")
@AdminApi
@Controller("/admin/health")
class OperatorHealthController {

    private static final Principal OPERATOR = () -> "operator";
    private final HealthEndpoint health;

    OperatorHealthController(HealthEndpoint health) {
        this.health = health;
    }

    /** 503 when the service is down, as {@code /health} answers. */
    @Secured(Rights.STATS_READ)
    @Get(produces = MediaType.APPLICATION_JSON)
    Mono<HttpResponse<HealthResult>> document() {
        return Mono.from(health.getHealth(OPERATOR)).map(result -> HttpResponse
                .status(result.getStatus().getOperational().orElse(true) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(result));
    }
}
