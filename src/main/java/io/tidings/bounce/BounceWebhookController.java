package io.tidings.bounce;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.Secret;
import io.tidings.web.BearerAuth;
import io.tidings.web.ProblemResponses;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code POST /webhooks/bounces}: one whole inbound email ({@code message/rfc822}), for an MTA that
 * pipes its bounces to a command ({@code curl --data-binary @-}). Only with {@code WEBHOOK_TOKEN}
 * set, presented as a bearer token (compared in constant time; wrong ones count in the sign-in
 * throttle). 202 when something was recorded, 200 with why when nothing was.
 */
@Tag(name = "Webhooks")
@ProblemResponses
@Controller("/webhooks/bounces")
@Requires(property = "tidings.bounces.webhook-token", pattern = ".+")
@ExecuteOn(TaskExecutors.BLOCKING)
class BounceWebhookController {

    static final String REALM = "tidings-webhooks";
    private final InboundMessages inbound;
    private final BounceLog log;
    private final BearerAuth bearer;
    private final Secret token;

    BounceWebhookController(InboundMessages inbound, BounceLog log, BearerAuth bearer, BounceConfig config) {
        this.inbound = inbound;
        this.log = log;
        this.bearer = bearer;
        this.token = Secret.of(config.webhookToken());
    }

    /** What was recorded, and why the rest (if any) was not. */
    @Serdeable
    record Recorded(int recorded, List<String> ignored) {
    }

    /** Why nothing was recorded. */
    @Serdeable
    record Ignored(String ignored) {
    }

    @Post(consumes = "message/rfc822", produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> receive(HttpRequest<?> request, @Body byte[] message) {
        MutableHttpResponse<?> refused = bearer.refusal(request, token, REALM, "a valid webhook bearer token is required");
        if (refused != null) {
            return refused;
        }
        InboundMessages.Reading reading;
        try {
            reading = inbound.read(new ByteArrayInputStream(message), Source.WEBHOOK_RAW);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be read", e);
        }
        if (reading.ignored() != null) {
            return HttpResponse.ok(new Ignored(reading.ignored()));
        }
        List<Outcome> outcomes = log.record(reading.reports());
        List<String> ignored = outcomes.stream()
                .filter(Outcome.Ignored.class::isInstance).map(outcome -> ((Outcome.Ignored) outcome).why()).toList();
        int recorded = outcomes.size() - ignored.size();
        if (recorded == 0) {
            return HttpResponse.ok(new Ignored(ignored.get(0)));
        }
        return HttpResponse.status(HttpStatus.ACCEPTED).body(new Recorded(recorded, ignored));
    }
}
