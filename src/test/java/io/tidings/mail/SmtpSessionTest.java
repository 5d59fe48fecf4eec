package io.tidings.mail;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMTP client against real relays (SubEthaSMTP, which does not offer PIPELINING) for TLS, logins
 * and refusals, and against a scripted relay that offers PIPELINING and answers nothing until it has
 * read the commands a pipelining client sends together.
 */
class SmtpSessionTest {

    private static final String SENDER = RelaySettings.SENDER;
    private static final String USER = "relay-user";
    private static final String PASSWORD = "relay-secret";
    private static final UsernamePasswordValidator ACCOUNT = (user, password, context) -> {
        if (!USER.equals(user) || !PASSWORD.equals(password)) {
            throw new LoginFailedException();
        }
    };

    static final Runnable NOTHING = () -> { };

    private final List<MimeMessage> received = new CopyOnWriteArrayList<>();
    private SMTPServer relay;

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void starttls_then_auth_plain_delivers_the_message_with_its_dot_lines_intact() throws Exception {
        SSLContext tls = serverTls();
        start(builder -> builder.enableTLS().requireTLS().startTlsSocketFactory(tls)
                .requireAuth().authenticationHandlerFactory(new PlainAuthenticationHandlerFactory(ACCOUNT)));
        String text = "A line.\n.\n..two dots\n.leading dot\nThe end.";

        String reply;
        try (SmtpSession session = open(MailConfig.SmtpSecurity.STARTTLS, "127.0.0.1", USER, PASSWORD)) {
            reply = session.send(SENDER, "reader@example.com", message("reader@example.com", text), NOTHING);
        }

        assertThat(reply).startsWith("250");
        assertThat(received).hasSize(1);
        assertThat(textOf(received.get(0))).isEqualTo(text.replace("\n", "\r\n"));
    }

    @Test
    void auth_login_where_it_is_the_only_login_the_relay_offers() throws Exception {
        start(builder -> builder.requireAuth().authenticationHandlerFactory(new LoginAuthenticationHandlerFactory(ACCOUNT)));

        try (SmtpSession session = relay().login(USER, PASSWORD).plaintextAuth().open()) {
            session.send(SENDER, "reader@example.com", message("reader@example.com", "Hello"), NOTHING);
        }

        assertThat(received).hasSize(1);
    }

    @Test
    void a_wrong_password_is_a_transient_refusal_that_keeps_the_relay_reply() {
        start(builder -> builder.authenticationHandlerFactory(new PlainAuthenticationHandlerFactory(ACCOUNT)));

        assertThatThrownBy(() -> relay().login(USER, "wrong").plaintextAuth().open())
                .isInstanceOfSatisfying(SendFailure.class, failure -> {
                    assertThat(failure.permanent()).isFalse();
                    assertThat(failure.replyCode()).isEqualTo(535);
                    assertThat(failure.getMessage()).contains("AUTH PLAIN");
                });
    }

    @Test
    void starttls_required_but_not_offered_sends_nothing() {
        start(UnaryOperator.identity());

        assertThatThrownBy(() -> open(MailConfig.SmtpSecurity.STARTTLS, "127.0.0.1", "", ""))
                .isInstanceOfSatisfying(SendFailure.class, failure -> {
                    assertThat(failure.permanent()).isFalse();
                    assertThat(failure.getMessage()).contains("does not offer STARTTLS");
                });
    }

    @Test
    void a_certificate_no_ca_vouches_for_is_refused_unless_smtp_tls_trust_names_the_relay() throws Exception {
        SSLContext tls = serverTls();
        start(builder -> builder.enableTLS().requireTLS().startTlsSocketFactory(tls));

        assertThatThrownBy(() -> open(MailConfig.SmtpSecurity.STARTTLS, "", "", ""))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> open(MailConfig.SmtpSecurity.STARTTLS, "mail.elsewhere.example", "", ""))
                .isInstanceOf(SSLHandshakeException.class);
        try (SmtpSession session = open(MailConfig.SmtpSecurity.STARTTLS, "*", "", "")) {
            assertThat(session.alive()).isTrue();
        }
    }

    @Test
    void a_refused_recipient_fails_that_message_alone_and_the_connection_goes_on() throws Exception {
        start(UnaryOperator.identity());

        try (SmtpSession session = open(MailConfig.SmtpSecurity.NONE, "", "", "")) {
            assertThatThrownBy(() -> session.send(SENDER, "nobody@example.com", message("nobody@example.com", "Hello"), NOTHING))
                    .isInstanceOfSatisfying(SendFailure.class, failure -> {
                        assertThat(failure.permanent()).isTrue();
                        assertThat(failure.replyCode()).isEqualTo(550);
                        assertThat(failure.diagnosis().type()).isEqualTo(BounceType.HARD);
                    });
            session.send(SENDER, "reader@example.com", message("reader@example.com", "Hello"), NOTHING);
        }

        assertThat(received).extracting(m -> m.getAllRecipients()[0].toString()).containsExactly("reader@example.com");
    }

    @Test
    void a_handover_that_throws_abandons_the_message_mid_data_and_the_relay_keeps_nothing() throws Exception {
        start(UnaryOperator.identity());
        SmtpSession session = open(MailConfig.SmtpSecurity.NONE, "", "", "");

        assertThatThrownBy(() -> session.send(SENDER, "reader@example.com", message("reader@example.com", "Hello"), () -> {
            throw new IllegalStateException("the previous message is not recorded");
        })).isInstanceOf(IllegalStateException.class);
        session.close();
        session.close();

        try (SmtpSession next = open(MailConfig.SmtpSecurity.NONE, "", "", "")) {
            next.send(SENDER, "second@example.com", message("second@example.com", "Hello"), NOTHING);
        }
        assertThat(received).extracting(m -> m.getAllRecipients()[0].toString()).containsExactly("second@example.com");
    }

    @Test
    void mail_rcpt_and_data_go_out_together_where_the_relay_offers_pipelining() throws Exception {
        PipelinedTransaction scripted = new PipelinedTransaction(List.of("250 2.1.0 ok", "250 2.1.5 ok", "354 go on"));
        try (ScriptedRelay relay = new ScriptedRelay(scripted)) {
            String reply;
            try (SmtpSession session = open(relay.port(), MailConfig.SmtpSecurity.NONE, "", "", "")) {
                reply = session.send(SENDER, "reader@example.com", message("reader@example.com", "Hello"), NOTHING);
            }
            relay.awaitScripts();

            assertThat(reply).isEqualTo("250 2.0.0 queued as P1");
            assertThat(scripted.commands).containsExactly(
                    "MAIL FROM:<" + SENDER + ">", "RCPT TO:<reader@example.com>", "DATA", "QUIT");
            assertThat(scripted.data.toString()).contains("Hello");
        }
    }

    @Test
    void a_pipelined_refusal_sends_no_content_even_if_the_relay_takes_data_and_then_resets() throws Exception {
        // RFC 2920 section 3.1: a relay may accept DATA with no recipient; the client then ends it empty.
        PipelinedTransaction scripted = new PipelinedTransaction(List.of("250 2.1.0 ok", "550 5.1.1 no such user", "354 go on"));
        try (ScriptedRelay relay = new ScriptedRelay(scripted)) {
            try (SmtpSession session = open(relay.port(), MailConfig.SmtpSecurity.NONE, "", "", "")) {
                assertThatThrownBy(() -> session.send(SENDER, "nobody@example.com", message("nobody@example.com", "Secret"), NOTHING))
                        .isInstanceOfSatisfying(SendFailure.class, failure -> {
                            assertThat(failure.permanent()).isTrue();
                            assertThat(failure.getMessage()).isEqualTo("550 5.1.1 no such user");
                        });
            }

            relay.awaitScripts();

            assertThat(scripted.data.toString()).isEmpty();
            assertThat(scripted.commands).containsExactly(
                    "MAIL FROM:<" + SENDER + ">", "RCPT TO:<nobody@example.com>", "DATA", "RSET", "QUIT");
        }
    }

    @Test
    void a_refused_sender_is_for_the_operator_to_mend_so_it_is_never_a_bounce() throws Exception {
        PipelinedTransaction scripted = new PipelinedTransaction(List.of("553 5.7.1 sender not allowed", "503 5.5.1 need MAIL", "503 5.5.1 need MAIL"));
        try (ScriptedRelay relay = new ScriptedRelay(scripted)) {
            try (SmtpSession session = open(relay.port(), MailConfig.SmtpSecurity.NONE, "", "", "")) {
                assertThatThrownBy(() -> session.send(SENDER, "reader@example.com", message("reader@example.com", "Hi"), NOTHING))
                        .isInstanceOfSatisfying(SendFailure.class, failure -> {
                            assertThat(failure.permanent()).isFalse();
                            assertThat(failure.replyCode()).isEqualTo(553);
                            assertThat(failure.getMessage()).isEqualTo("the relay refused the sender: 553 5.7.1 sender not allowed");
                        });
            }
            relay.awaitScripts();

            assertThat(scripted.data.toString()).isEmpty();
        }
    }

    @Test
    void an_address_that_would_end_the_envelope_command_is_never_written() {
        start(UnaryOperator.identity());

        assertThatThrownBy(() -> {
            try (SmtpSession session = open(MailConfig.SmtpSecurity.NONE, "", "", "")) {
                session.send(SENDER, "reader@example.com>\r\nRCPT TO:<victim@example.com", message("reader@example.com", "Hi"), NOTHING);
            }
        }).isInstanceOfSatisfying(SendFailure.class, failure -> assertThat(failure.permanent()).isTrue());
        assertThat(received).isEmpty();
    }

    private void start(UnaryOperator<SMTPServer.Builder> options) {
        try {
            SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getByName("127.0.0.1"))
                    .messageHandlerFactory(Recipients::new);
            relay = options.apply(builder).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        relay.start();
    }

    private SmtpSession open(MailConfig.SmtpSecurity security, String trust, String user, String password) throws Exception {
        return relay().security(security, trust).login(user, password).open();
    }

    private static SmtpSession open(int port, MailConfig.SmtpSecurity security, String trust, String user, String password)
            throws Exception {
        return RelaySettings.to(port).security(security, trust).login(user, password).open();
    }

    private RelaySettings relay() {
        return RelaySettings.to(relay.getPortAllocated());
    }

    static byte[] message(String recipient, String text) throws Exception {
        MailConfig config = RelaySettings.to(25).config();
        MimeMessages messages = new MimeMessages(config, Clock.systemUTC(), new DkimSigning(new DkimConfig(null, null, null), config));
        return messages.render(new Email(recipient, null, "Subject", Body.of(text), Body.of("<p>" + text + "</p>"), "<id@tidings.example>", Map.of()));
    }

    private static String textOf(MimeMessage message) throws Exception {
        Multipart alternative = (Multipart) message.getContent();
        return ((String) alternative.getBodyPart(0).getContent()).stripTrailing();
    }

    /** Self-signed, from GreenMail's test keystore. */
    private static SSLContext serverTls() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = SmtpSessionTest.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** Takes every recipient but {@code nobody@}, which it refuses as an unknown user. */
    private final class Recipients implements MessageHandler {

        Recipients(MessageContext context) {
        }

        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (recipient.startsWith("nobody@")) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: user unknown");
            }
        }

        @Override
        public String data(InputStream data) throws IOException {
            try {
                received.add(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data.readAllBytes())));
            } catch (jakarta.mail.MessagingException e) {
                throw new IOException(e);
            }
            return null;
        }

        @Override
        public void done() {
        }
    }

    /**
     * A relay's script that reads MAIL, RCPT and DATA before it answers any of them with
     * {@code transaction}: a client that waited for each answer would time out.
     */
    private static final class PipelinedTransaction implements ScriptedRelay.Script {

        private final List<String> transaction;
        private final List<String> commands = new CopyOnWriteArrayList<>();
        private final StringBuilder data = new StringBuilder();

        PipelinedTransaction(List<String> transaction) {
            this.transaction = transaction;
        }

        @Override
        public void run(BufferedReader in, OutputStream out) throws IOException {
            List<String> group = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                group.add(in.readLine());
            }
            commands.addAll(group);
            ScriptedRelay.say(out, String.join("\r\n", transaction));
            boolean accepted = transaction.get(0).startsWith("2") && transaction.get(1).startsWith("2");
            if (transaction.get(2).startsWith("354")) {
                for (String line = in.readLine(); !".".equals(line); line = in.readLine()) {
                    data.append(line).append('\n');
                }
                ScriptedRelay.say(out, accepted ? "250 2.0.0 queued as P1" : "554 5.5.1 no valid recipients");
            }
            // The client says QUIT and hangs up without waiting for an answer.
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
                if (line.equals("QUIT")) {
                    break;
                }
                ScriptedRelay.say(out, "250 ok");
            }
        }
    }
}
