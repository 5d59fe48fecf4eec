package io.tidings.support;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The harness itself: a real Postfix relays to a next hop and bounces what the next hop refuses. */
@ExtendWith(PostfixCondition.class)
class PostfixTest {

    @Test
    void relays_to_the_next_hop_and_returns_a_refusal_to_the_envelope_sender() throws Exception {
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort())
                .answering((recipient, attempt) -> recipient.startsWith("gone@")
                        ? new FaultySmtp.Reply(550, "5.1.1 <" + recipient + ">: Recipient address rejected: User unknown")
                        : null)
                .start();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port()).start()) {
            send(postfix.port(), "reader@example.org");
            send(postfix.port(), "gone@example.org");

            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.received("bounces@tidings.test") == 1);
            assertThat(nextHop.received("reader@example.org")).isEqualTo(1);
            assertThat(nextHop.received("gone@example.org")).isZero();
            assertThat(postfix.log()).contains("status=bounced", "5.1.1");
        }
    }

    @Test
    void offers_starttls_and_the_logins_it_was_given() throws Exception {
        try (Postfix postfix = Postfix.on(ServiceTest.freePort())
                .withTlsAndLogins(Map.of("relay-user", "relay-secret")).start()) {
            Properties settings = new Properties();
            settings.put("mail.smtp.host", "127.0.0.1");
            settings.put("mail.smtp.port", String.valueOf(postfix.port()));
            settings.put("mail.smtp.starttls.enable", "true");
            settings.put("mail.smtp.starttls.required", "true");
            settings.put("mail.smtp.ssl.trust", "*");
            settings.put("mail.smtp.auth", "true");
            try (Transport transport = Session.getInstance(settings).getTransport("smtp")) {
                transport.connect("relay-user", "relay-secret");
                assertThat(transport.isConnected()).isTrue();
            }
            try (Transport transport = Session.getInstance(settings).getTransport("smtp")) {
                assertThatThrownBy(() -> transport.connect("relay-user", "wrong"))
                        .isInstanceOf(AuthenticationFailedException.class);
            }
        }
    }

    private static void send(int port, String to) throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(port));
        settings.put("mail.smtp.from", "bounces@tidings.test");
        MimeMessage message = new MimeMessage(Session.getInstance(settings));
        message.setFrom(new InternetAddress("news@tidings.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Hello");
        message.setText("Hello");
        Transport.send(message);
    }
}
