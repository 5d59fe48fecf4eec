package io.tidings.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ServerErrorPageTest extends ServiceTest {

    private static final String SECRET_DETAIL = "connection to db-7.internal refused";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("spec.name", "ServerErrorPageTest");
    }

    /** A route that fails the way a bug or an outage would. */
    @Controller("/broken")
    @Requires(property = "spec.name", value = "ServerErrorPageTest")
    static class Broken {
        @Get(produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
        String fail() {
            throw new IllegalStateException(SECRET_DETAIL);
        }
    }

    @Test
    void a_server_error_is_a_readable_page_for_a_browser_without_the_exception() {
        HttpResponse<String> page = http.get("/broken", "Accept", "text/html");

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("Something went wrong on our side").contains("<h1")
                .doesNotContain(SECRET_DETAIL).doesNotContain("IllegalStateException").doesNotContain("at io.");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void a_server_error_is_problem_json_for_an_api_client_without_the_exception() {
        HttpResponse<String> problem = http.get("/broken", "Accept", "application/json");

        assertThat(problem.statusCode()).isEqualTo(500);
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.body()).contains("\"status\":500").doesNotContain(SECRET_DETAIL);
    }
}
