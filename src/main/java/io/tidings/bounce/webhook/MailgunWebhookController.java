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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Mailgun's webhooks (the JSON form): the HMAC-SHA256 of timestamp and token under the account's
 * signing key, compared in constant time; the timestamp within {@code MAILGUN_WEBHOOK_TOLERANCE} of
 * now; the token never seen before by any instance.
 */
@Tag(name = "Webhooks")
@Controller("/webhooks/mailgun")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
class MailgunWebhookController {

    /** Mailgun's tokens are 50 characters; the column holds 128. */
    private static final int MAX_TOKEN = 128;
    private final MailgunConfig config;
    private final WebhookJson json;
    private final MailgunIntake intake;
    private final Clock clock;

    MailgunWebhookController(MailgunConfig config, WebhookJson json, MailgunIntake intake, Clock clock) {
        this.config = config;
        this.json = json;
        this.intake = intake;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    WebhookAnswer receive(@Body byte[] body) {
        if (config.signingKey().isBlank()) {
            throw WebhookRefusal.off("Mailgun", "MAILGUN_WEBHOOK_SIGNING_KEY");
        }
        MailgunPayload payload = json.read(body, Argument.of(MailgunPayload.class), "The Mailgun request");
        MailgunPayload.Signed signed = payload.signature();
        if (signed == null || signed.timestamp() == null || signed.token() == null || signed.signature() == null) {
            throw WebhookRefusal.unbelieved("The Mailgun request is not signed.");
        }
        if (signed.token().length() > MAX_TOKEN) {
            throw WebhookRefusal.malformed("The Mailgun token is too long.");
        }
        verify(signed);
        Instant now = clock.instant();
        Instant signedAt = ProviderEvents.withinTolerance(signed.timestamp(), now, config.tolerance(), "Mailgun");
        List<Report> found = payload.eventData() == null ? List.of()
                : MailgunEvents.report(payload.eventData(), now).stream().toList();
        return intake.take(signed.token(), signedAt.plus(config.tolerance()), now, found, found.isEmpty() ? 1 : 0);
    }

    private void verify(MailgunPayload.Signed signed) {
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.signingKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = HexFormat.of().formatHex(mac.doFinal((signed.timestamp() + signed.token())
                    .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        byte[] presented = signed.signature().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw WebhookRefusal.unbelieved("The Mailgun signature does not verify.");
        }
    }
}
