package io.tidings.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Liveness, readiness and the full health document as the relay goes down and comes back. */
@MicronautTest(transactional = false)
class HealthTest extends ServiceTest {

    private static final String DATABASE_PASSWORD = "hunter2-in-the-url";
    private String databaseUrl;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.mail.check-interval", "200ms");
    }

    /** On PostgreSQL the database URL carries a password, as a DATABASE_URL may (H2 refuses one beside the pool's). */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        String url = properties.get("datasources.default.url");
        databaseUrl = url.startsWith("jdbc:postgresql:")
                ? url + (url.contains("?") ? "&" : "?") + "password=" + DATABASE_PASSWORD : url;
        properties.put("datasources.default.url", databaseUrl);
        return properties;
    }

    @Test
    void anonymous_callers_get_the_status_word_and_nothing_else() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status("/health")));

        for (String path : new String[]{"/health", "/health/readiness", "/health/liveness"}) {
            HttpResponse<String> response = http.get(path);
            assertThat(Json.object(response.body())).as(path).containsOnlyKeys("status");
            assertThat(response.body()).as(path).doesNotContain("jdbc").doesNotContain(DATABASE_PASSWORD)
                    .doesNotContain(Integer.toString(smtp.getSmtp().getPort()));
        }
    }

    @Test
    void of_the_management_endpoints_only_health_and_metrics_are_served() {
        for (String path : new String[]{"/beans", "/routes", "/info", "/threaddump", "/loggers", "/env"}) {
            assertThat(http.get(path, asAdmin()).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(http.post("/refresh", "application/json", "{\"force\":true}", asAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void operators_see_every_part_with_the_token_or_a_session_but_no_database_url_or_password() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status("/health")));
        http.get("/admin/sign-in", "Accept", "text/html");
        assertThat(http.postForm("/admin/sign-in", ownerSignIn()).statusCode()).isEqualTo(303);

        for (HttpResponse<String> response : List.of(new Http(server.getURI()).get("/admin/health", asAdmin()),
                http.get("/admin/health"))) {
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> health = Json.object(response.body());
            assertThat(Json.object(health, "details")).containsKeys("jdbc", "mail");
            assertThat(component(health, "jdbc")).containsEntry("status", "UP");
            assertThat(response.body()).doesNotContain(databaseUrl).doesNotContain(DATABASE_PASSWORD)
                    .doesNotContain("jdbc:");
        }
        assertThat(Json.object(http.get("/health", asAdmin()).body())).as("the public document, token or not")
                .containsOnlyKeys("status");
        assertThat(new Http(server.getURI()).get("/admin/health").statusCode()).isEqualTo(401);
    }

    @Test
    void a_down_relay_degrades_sending_but_leaves_the_service_live_and_ready_and_recovery_is_seen() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status("/health")));
        Map<String, Object> health = Json.object(http.get("/admin/health", asAdmin()).body());
        assertThat(Json.object(health, "details")).containsKeys("jdbc", "mail");
        assertThat(component(health, "jdbc")).containsEntry("status", "UP");
        assertThat(Json.object(component(health, "mail"), "details").get("target"))
                .isEqualTo("127.0.0.1:" + smtp.getSmtp().getPort());

        smtp.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(status("/health")));
        HttpResponse<String> degraded = http.get("/admin/health", asAdmin());
        assertThat(degraded.statusCode()).as("degraded is still operational").isEqualTo(200);
        Map<String, Object> mail = component(Json.object(degraded.body()), "mail");
        assertThat(mail).containsEntry("status", "DEGRADED");
        assertThat((String) Json.object(mail, "details").get("error")).isNotBlank();
        assertThat(component(Json.object(degraded.body()), "jdbc")).containsEntry("status", "UP");

        HttpResponse<String> readiness = http.get("/health/readiness");
        assertThat(readiness.statusCode()).as("readers can still subscribe: the instance stays in rotation").isEqualTo(200);
        assertThat(Json.object(readiness.body()).get("status")).isEqualTo("DEGRADED");
        HttpResponse<String> liveness = http.get("/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(Json.object(liveness.body()).get("status")).isEqualTo("UP");

        restartSmtp();

        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status("/health")));
        assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200);
    }

    private String status(String path) {
        return (String) Json.object(http.get(path).body()).get("status");
    }

    private static Map<String, Object> component(Map<String, Object> health, String name) {
        return Json.object(Json.object(health, "details"), name);
    }
}
