package io.tidings.subscription;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.web.ProblemResponses;

@Tag(name = "Subscription API")
@ProblemResponses
@Controller("/api/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriptionApiController {

    private final SubscriptionService subscriptions;
    private final RequestOrigins origins;

    SubscriptionApiController(SubscriptionService subscriptions, RequestOrigins origins) {
        this.subscriptions = subscriptions;
        this.origins = origins;
    }

    /** The same 202 for every valid address, known or new, so the answer reveals nobody. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    Accepted subscribe(@Body SubscriptionRequest body, HttpRequest<?> request) {
        subscriptions.subscribe(body, origins.subscribing(request, Source.API));
        return new Accepted("pending");
    }

    @Serdeable
    record Accepted(String status) {
    }
}
