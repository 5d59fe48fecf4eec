package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class AdminAuthTest extends ServiceTest {

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
}
