package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class RelayOutageTest extends ServiceTest {

    @Test
    void a_subscribe_never_waits_on_a_down_relay_and_the_email_goes_out_once_it_is_back() {
        smtp.stop();

        HttpResponse<String> response = http.postJson("/api/subscriptions",
                "{\"email\":\"patient@example.com\",\"consent\":true}");
        assertThat(response.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> sql.count(
                "SELECT count(*) FROM outbox WHERE recipient = 'patient@example.com' AND status = 'PENDING' AND attempts >= 2 AND last_error IS NOT NULL") == 1);

        restartSmtp();

        awaitMessagesTo("patient@example.com", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(
                sql.text("SELECT status FROM outbox WHERE recipient = 'patient@example.com'")));
        await().during(Duration.ofSeconds(1)).until(() -> messagesTo("patient@example.com").size() == 1);
        assertThat(sql.text("SELECT relay_reply FROM outbox WHERE recipient = 'patient@example.com'")).startsWith("250");
        assertThat(sql.text("SELECT link_token FROM outbox WHERE recipient = 'patient@example.com'"))
                .as("the live confirmation token is dropped once sent").isNull();
    }
}
