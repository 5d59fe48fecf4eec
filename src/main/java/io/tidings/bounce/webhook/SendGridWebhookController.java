package io.tidings.bounce.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.bounce.Report;
import io.tidings.web.ProblemResponses;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SendGrid's signed event webhook: an ECDSA signature (P-256, SHA-256) over the timestamp header
 * followed by the raw body, checked with the webhook's public key, and the timestamp within
 * {@code SENDGRID_WEBHOOK_TOLERANCE} of now, before any event of the batch is read.
 */
@Tag(name = "Webhooks")
@Controller("/webhooks/sendgrid")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
class SendGridWebhookController {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    private final SendGridConfig config;
    @Nullable
    private final PublicKey key;
    private final WebhookJson json;
    private final ProviderReports reports;
    private final Clock clock;

    SendGridWebhookController(SendGridConfig config, WebhookJson json, ProviderReports reports, Clock clock) {
        this.config = config;
        this.key = config.publicKey().isBlank() ? null : publicKey(config.publicKey());
        this.json = json;
        this.reports = reports;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    WebhookAnswer receive(@Header(SIGNATURE) @Nullable String signature, @Header(TIMESTAMP) @Nullable String timestamp,
                          @Body byte[] body) {
        if (key == null) {
            throw WebhookRefusal.off("SendGrid", "SENDGRID_WEBHOOK_PUBLIC_KEY");
        }
        if (signature == null || timestamp == null) {
            throw WebhookRefusal.unbelieved("The SendGrid request is not signed.");
        }
        verify(signature, timestamp, body);
        Instant now = clock.instant();
        ProviderEvents.withinTolerance(timestamp, now, config.tolerance(), "SendGrid");
        List<SendGridEvent> events = json.read(body, Argument.listOf(SendGridEvent.class), "The SendGrid events");
        List<Report> found = new ArrayList<>();
        for (SendGridEvent event : events) {
            if (event != null) {
                SendGridEvents.report(event, now).ifPresent(found::add);
            }
        }
        return reports.record(found, events.size() - found.size());
    }

    private void verify(String signature, String timestamp, byte[] body) {
        boolean verified;
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            verified = verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            verified = false;
        }
        if (!verified) {
            throw WebhookRefusal.unbelieved("The SendGrid signature does not verify.");
        }
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("SENDGRID_WEBHOOK_PUBLIC_KEY is not an EC public key in base64 (DER)", e);
        }
    }
}
