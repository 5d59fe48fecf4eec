package io.tidings.mail;

import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
}
