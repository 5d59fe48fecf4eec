package io.tidings.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A service started without METRICS_TOKEN serves its metrics to nobody, and runs as ever otherwise. */
@MicronautTest(transactional = false)
class MetricsWithoutTokenTest extends ServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.metrics-token", "");
    }

    @Test
    void without_a_metrics_token_prometheus_is_closed_to_every_caller_and_says_why() {
        for (String[] headers : new String[][]{{"Accept", "*/*"}, {"Authorization", "Bearer "}, asAdmin()}) {
            HttpResponse<String> response = http.get("/prometheus", headers);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("METRICS_TOKEN").doesNotContain("tidings_");
        }
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }
}
