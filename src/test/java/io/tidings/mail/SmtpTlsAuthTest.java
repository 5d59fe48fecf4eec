package io.tidings.mail;

import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail to a relay that speaks implicit TLS and takes a login, as hosted relays do. */
@MicronautTest(transactional = false)
class SmtpTlsAuthTest extends ServiceTest {

    @Override
    protected String smtpProtocol() {
        return ServerSetup.PROTOCOL_SMTPS;
    }

    @Override
    protected Map<String, String> extraProperties() {
        smtp.setUser("relay@example.com", "relay-user", "relay-secret");
        return Map.of("tidings.mail.smtp-security", "tls",
                "tidings.mail.smtp-tls-trust", "127.0.0.1",
                "tidings.mail.smtp-user", "relay-user",
                "tidings.mail.smtp-password", "relay-secret");
    }

    @Test
    void delivers_over_implicit_tls_after_logging_in() {
        http.postJson("/api/subscriptions", "{\"email\":\"secure@example.com\",\"consent\":true}");

        assertThat(awaitMessagesTo("secure@example.com", 1)).hasSize(1);
    }

    @Test
    void the_health_document_says_the_login_goes_over_tls_only() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Json.object(http.get("/admin/health", asAdmin()).body())
                .toString().contains("target"));
        Map<String, Object> health = Json.object(http.get("/admin/health", asAdmin()).body());
        Map<String, Object> mail = Json.object(Json.object(health, "details"), "mail");

        assertThat(Json.object(mail, "details")).containsEntry("login",
                "credentials over TLS only: STARTTLS where the relay offers it, no login where it does not");
        assertThat(mail).containsEntry("status", "UP");
    }
}
