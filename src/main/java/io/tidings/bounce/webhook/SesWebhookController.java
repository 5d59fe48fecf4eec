package io.tidings.bounce.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.bounce.Report;
import io.tidings.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Amazon SES bounces and complaints through an SNS topic's HTTPS subscription. A message is believed
 * only when its topic is on {@code SES_TOPIC_ARNS} and its signature verifies against SNS's
 * certificate; only then is a subscription confirmed or a notification recorded. Without any topic
 * the endpoint does not exist (404), like {@code /webhooks/bounces} without its token: nothing can be
 * believed, and saying so to every caller would only advertise the endpoint.
 */
@Tag(name = "Webhooks")
@Controller("/webhooks/ses")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
class SesWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(SesWebhookController.class);
    private final SesConfig config;
    private final WebhookJson json;
    private final SnsVerifier verifier;
    private final SnsEndpoints endpoints;
    private final ProviderReports reports;
    private final Clock clock;

    SesWebhookController(SesConfig config, WebhookJson json, SnsVerifier verifier, SnsEndpoints endpoints,
                         ProviderReports reports, Clock clock) {
        this.config = config;
        this.json = json;
        this.verifier = verifier;
        this.endpoints = endpoints;
        this.reports = reports;
        this.clock = clock;
    }

    /** SNS posts its JSON as text/plain; whatever the type, the bytes are read as JSON. */
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    WebhookAnswer receive(@Body byte[] body) {
        Set<String> topics = config.allowedTopics();
        if (topics.isEmpty()) {
            throw WebhookRefusal.off("SES", "SES_TOPIC_ARNS");
        }
        SnsMessage message = json.read(body, Argument.of(SnsMessage.class), "The SNS message");
        String topic = SnsMessage.required(message.topicArn(), "TopicArn");
        if (!topics.contains(topic)) {
            throw WebhookRefusal.unbelieved("The SNS topic is not on SES_TOPIC_ARNS.");
        }
        String type = SnsMessage.required(message.type(), "Type");
        if (!type.equals(SnsMessage.NOTIFICATION) && !type.equals(SnsMessage.SUBSCRIPTION_CONFIRMATION)
                && !type.equals(SnsMessage.UNSUBSCRIBE_CONFIRMATION)) {
            throw WebhookRefusal.malformed("The SNS message's Type is none SNS sends.");
        }
        verifier.verify(message);
        return switch (type) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> confirm(message, topic);
            case SnsMessage.NOTIFICATION -> notification(message);
            default -> new WebhookAnswer(0, 1);
        };
    }

    private WebhookAnswer confirm(SnsMessage message, String topic) {
        endpoints.get(endpoints.allowed(SnsMessage.required(message.subscribeUrl(), "SubscribeURL"), "The SubscribeURL"));
        LOG.info("Confirmed the SNS subscription to {}", topic);
        return new WebhookAnswer(0, 0);
    }

    private WebhookAnswer notification(SnsMessage message) {
        byte[] payload = SnsMessage.required(message.message(), "Message").getBytes(StandardCharsets.UTF_8);
        SesEvent event;
        try {
            event = json.read(payload, Argument.of(SesEvent.class), "The SNS notification's Message");
        } catch (WebhookRefusal notSes) {
            // Signed by SNS for an allowed topic, so not garbage from a stranger: someone else publishes
            // to the topic. Refusing would only make SNS retry it.
            return new WebhookAnswer(0, 1);
        }
        List<Report> found = SesEvents.reports(event, clock.instant());
        return reports.record(found, found.isEmpty() ? 1 : 0);
    }
}
