package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class AdminAuthTest extends ServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        // The throttle tests speak for clients of their own, through a trusted local proxy.
        return Map.of("tidings.subscription.trusted-proxies", "127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong-token", "Basic dGVzdDp0ZXN0",
            "Bearer test-admin-token-012345678", "Bearer test-admin-token-01234567890"})
    void admin_paths_refuse_a_missing_or_wrong_token_with_401_problem_json(String authorization) {
        HttpResponse<String> response = authorization.isEmpty()
                ? http.get("/admin/articles")
                : http.get("/admin/articles", "Authorization", authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401").doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void writes_are_refused_before_their_body_is_read() {
        HttpResponse<String> response = http.postJson("/admin/articles", "{\"url\":\"https://example.com/a\",\"title\":\"A\"}");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void the_configured_token_is_accepted_with_any_case_of_the_scheme() {
        assertThat(http.get("/admin/articles", asAdmin()).statusCode()).isEqualTo(200);
        assertThat(http.get("/admin/articles", "Authorization", "bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void reader_pages_need_no_token() {
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void a_client_guessing_bearer_tokens_is_held_back_with_429_while_the_right_token_from_another_client_works() {
        List<Integer> statuses = new ArrayList<>();
        for (int guess = 0; guess < 100; guess++) {
            statuses.add(http.get("/admin/articles", "Authorization", "Bearer guess-" + guess,
                    "X-Forwarded-For", "203.0.113.20").statusCode());
        }

        assertThat(statuses.subList(0, 10)).as("the first ten wrong tokens").containsOnly(401);
        assertThat(statuses.subList(10, 100)).as("every guess after them").containsOnly(429);
        HttpResponse<String> throttled = http.get("/admin/articles", "Authorization", "Bearer " + ADMIN_TOKEN,
                "X-Forwarded-For", "203.0.113.20");
        assertThat(throttled.statusCode()).as("even the right token, or the answer would tell a guess from the key")
                .isEqualTo(429);
        assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(http.get("/admin/articles", "Authorization", "Bearer " + ADMIN_TOKEN,
                "X-Forwarded-For", "203.0.113.21").statusCode()).as("another client").isEqualTo(200);

        clock.advance(Duration.ofMinutes(15));
        assertThat(http.get("/admin/articles", "Authorization", "Bearer " + ADMIN_TOKEN,
                "X-Forwarded-For", "203.0.113.20").statusCode()).as("once the window has passed").isEqualTo(200);
    }

    @Test
    void guesses_at_one_key_spread_over_many_clients_are_held_back_too() {
        List<Integer> statuses = new ArrayList<>();
        for (int client = 1; client <= 60; client++) {
            statuses.add(http.get("/admin/articles", "Authorization", "Bearer tdgkey-guess-" + client,
                    "X-Forwarded-For", "198.51.100." + client).statusCode());
        }

        assertThat(statuses.subList(0, 50)).as("one guess from each of 50 clients").containsOnly(401);
        assertThat(statuses.subList(50, 60)).as("the key's prefix has had its share").containsOnly(429);
        assertThat(http.get("/admin/articles", "Authorization", "Bearer " + ADMIN_TOKEN,
                "X-Forwarded-For", "198.51.100.99").statusCode()).as("a key with another prefix").isEqualTo(200);
    }
}
