package io.tidings.bounce.webhook;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without their settings the provider webhooks do not exist: nothing could be believed. */
@MicronautTest(transactional = false)
class ProviderWebhooksOffTest extends ServiceTest {

    @Test
    void every_provider_webhook_answers_404_until_its_setting_is_made() {
        for (String path : new String[]{"/webhooks/ses", "/webhooks/postmark", "/webhooks/sendgrid", "/webhooks/mailgun"}) {
            HttpResponse<String> response = http.post(path, "application/json", "{}",
                    "Authorization", "Basic cG9zdG1hcms6");

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }
}
