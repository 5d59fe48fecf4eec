package io.tidings.mail;

import io.tidings.support.Aiosmtpd;
import io.tidings.support.AiosmtpdCondition;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.tidings.mail.RelaySettings.SENDER;
import static io.tidings.mail.SmtpSessionTest.NOTHING;
import static io.tidings.mail.SmtpSessionTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The SMTP client against aiosmtpd ({@link Aiosmtpd}): a relay that knows only HELO, the MAIL
 * parameters an ESMTP relay is told (SIZE, BODY, SMTPUTF8), and XOAUTH2 as Gmail answers it.
 */
@ExtendWith(AiosmtpdCondition.class)
class RelayAiosmtpdTest {

    @Test
    void a_relay_that_refuses_ehlo_gets_mail_after_helo_with_the_configured_name() throws Exception {
        try (Aiosmtpd relay = Aiosmtpd.start(ServiceTest.freePort(), "--helo-only")) {
            try (SmtpSession session = RelaySettings.to(relay.port()).helo("mail.tidings.example").open()) {
                session.send(SENDER, "reader@example.org", message("reader@example.org", "Hello"), NOTHING);
            }

            Aiosmtpd.Received received = awaitOne(relay);
            assertThat(received.helo()).isEqualTo("mail.tidings.example");
            assertThat(received.to()).containsExactly("reader@example.org");
            assertThat(received.options()).as("no extensions after HELO").isEmpty();
        }
    }

    @Test
    void mail_from_declares_the_size_and_asks_for_8bitmime_and_smtputf8_only_where_the_message_needs_them() throws Exception {
        byte[] ascii = message("reader@example.org", "Hello");
        byte[] eightBit = "Subject: Caf\u00e9\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9\r\n"
                .getBytes(StandardCharsets.UTF_8);
        try (Aiosmtpd relay = Aiosmtpd.start(ServiceTest.freePort())) {
            try (SmtpSession session = RelaySettings.to(relay.port()).open()) {
                session.send(SENDER, "reader@example.org", ascii, NOTHING);
                session.send(SENDER, "reader@example.org", eightBit, NOTHING);
                session.send(SENDER, "jos\u00e9@example.org", ascii, NOTHING);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.received().size() == 3);
            List<Aiosmtpd.Received> received = relay.received();
            assertThat(received.get(0).options()).containsExactly("SIZE=" + ascii.length);
            assertThat(received.get(1).options()).containsExactly("SIZE=" + eightBit.length, "BODY=8BITMIME");
            assertThat(received.get(2).options()).containsExactly("SIZE=" + ascii.length, "SMTPUTF8");
            assertThat(received.get(2).to()).containsExactly("jos\u00e9@example.org");
        }
    }

    @Test
    void an_address_outside_ascii_is_refused_locally_where_the_relay_offers_no_smtputf8() throws Exception {
        try (Aiosmtpd relay = Aiosmtpd.start(ServiceTest.freePort(), "--no-smtputf8")) {
            try (SmtpSession session = RelaySettings.to(relay.port()).open()) {
                assertThatThrownBy(() -> session.send(SENDER, "jos\u00e9@example.org", message("reader@example.org", "Hi"), NOTHING))
                        .isInstanceOfSatisfying(SendFailure.class, failure -> {
                            assertThat(failure.permanent()).isTrue();
                            assertThat(failure.getMessage()).contains("SMTPUTF8");
                        });
                session.send(SENDER, "reader@example.org", message("reader@example.org", "Hello"), NOTHING);
            }

            assertThat(awaitOne(relay).to()).containsExactly("reader@example.org");
        }
    }

    @Test
    void xoauth2_logs_in_with_the_configured_bearer_token_rather_than_a_password() throws Exception {
        try (Aiosmtpd relay = Aiosmtpd.start(ServiceTest.freePort(), "--xoauth2", "reader@gmail.example:ya29.token")) {
            // aiosmtpd here offers no STARTTLS: the test allows the login in clear.
            RelaySettings settings = RelaySettings.to(relay.port()).plaintextAuth();
            try (SmtpSession session = settings.oauth2("reader@gmail.example", "ya29.token").open()) {
                session.send(SENDER, "reader@example.org", message("reader@example.org", "Hello"), NOTHING);
            }
            assertThatThrownBy(() -> settings.oauth2("reader@gmail.example", "expired").open())
                    .isInstanceOfSatisfying(SendFailure.class, failure -> {
                        assertThat(failure.replyCode()).isEqualTo(535);
                        assertThat(failure.getMessage()).contains("AUTH XOAUTH2");
                    });

            assertThat(awaitOne(relay).login()).isEqualTo("XOAUTH2 reader@gmail.example");
        }
    }

    private static Aiosmtpd.Received awaitOne(Aiosmtpd relay) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !relay.received().isEmpty());
        assertThat(relay.received()).hasSize(1);
        return relay.received().get(0);
    }
}
