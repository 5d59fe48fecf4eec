package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client cap, with the test as a trusted proxy so each test can speak for its own client. */
@MicronautTest(transactional = false)
class ClientRateLimitTest extends ServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.subscription.requests-per-client-minute", "20",
                "tidings.subscription.trusted-proxies", "127.0.0.1");
    }

    private HttpResponse<String> subscribeFrom(String client, int n) {
        return http.postJson("/api/subscriptions", "{\"email\":\"r" + n + "@example.com\",\"consent\":true}",
                "X-Forwarded-For", client);
    }

    @Test
    void the_twenty_first_request_in_a_minute_from_one_client_is_refused_with_429() {
        for (int i = 0; i < 20; i++) {
            assertThat(subscribeFrom("203.0.113.7", i).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> refused = subscribeFrom("203.0.113.7", 20);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(refused.body()).contains("Too many requests");

        assertThat(subscribeFrom("203.0.113.8", 21).statusCode()).as("another client is not held back").isEqualTo(202);
    }

    @Test
    void the_form_shows_the_limit_as_a_readable_page() {
        for (int i = 0; i < 20; i++) {
            subscribeFrom("198.51.100.9", 100 + i);
        }
        HttpResponse<String> page = http.postForm("/subscribe", Map.of("email", "late@example.com", "consent", "true"),
                "X-Forwarded-For", "198.51.100.9");

        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("<form").contains("Too many requests from your address");
    }
}
