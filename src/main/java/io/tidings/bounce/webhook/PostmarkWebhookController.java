package io.tidings.bounce.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.bounce.Report;
import io.tidings.web.ProblemResponses;

import java.time.Clock;
import java.util.Optional;

/** Postmark's Bounce and SpamComplaint webhooks, one record a request, behind basic auth. */
@Tag(name = "Webhooks")
@Controller("/webhooks/postmark")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
class PostmarkWebhookController {

    private final PostmarkConfig config;
    private final PostmarkAuth auth;
    private final WebhookJson json;
    private final ProviderReports reports;
    private final Clock clock;

    PostmarkWebhookController(PostmarkConfig config, PostmarkAuth auth, WebhookJson json, ProviderReports reports,
                              Clock clock) {
        this.config = config;
        this.auth = auth;
        this.json = json;
        this.reports = reports;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> receive(HttpRequest<?> request, @Body byte[] body) {
        if (!config.on()) {
            throw WebhookRefusal.off("Postmark", "POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD");
        }
        HttpResponse<?> refusal = auth.refusal(request);
        if (refusal != null) {
            return refusal;
        }
        PostmarkEvent event = json.read(body, Argument.of(PostmarkEvent.class), "The Postmark record");
        Optional<Report> report = PostmarkEvents.report(event, clock.instant());
        return HttpResponse.ok(reports.record(report.stream().toList(), report.isPresent() ? 0 : 1));
    }
}
