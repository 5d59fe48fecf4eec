package io.tidings.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Liveness, readiness and the full health document as the relay goes down and comes back. */
@MicronautTest(transactional = false)
class HealthTest extends ServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.mail.check-interval", "200ms");
    }

    @Test
    void a_down_relay_degrades_sending_but_leaves_the_service_live_and_ready_and_recovery_is_seen() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status("/health")));
        Map<String, Object> health = Json.object(http.get("/health").body());
        assertThat(Json.object(health, "details")).containsKeys("jdbc", "mail");
        assertThat(component(health, "jdbc")).containsEntry("status", "UP");
        assertThat(Json.object(component(health, "mail"), "details").get("target"))
                .isEqualTo("127.0.0.1:" + smtp.getSmtp().getPort());

        smtp.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(status("/health")));
        HttpResponse<String> degraded = http.get("/health");
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
