package io.tidings.mail;

import io.tidings.support.FaultySmtp;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tidings.mail.RelaySettings.SENDER;
import static io.tidings.mail.SmtpSessionTest.NOTHING;
import static io.tidings.mail.SmtpSessionTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The SMTP client against a real Postfix (Debian's, run by {@link Postfix}): where the login goes,
 * which SASL mechanism it uses, how long it waits for the final dot, and SIZE. Postfix's own log says
 * what it saw: each session ends with a line counting its commands ({@code ehlo=2 starttls=1 auth=1 …}).
 */
@ExtendWith(PostfixCondition.class)
class RelayPostfixTest {

    private static final Map<String, String> LOGINS = Map.of("relay-user", "relay-secret");
    private static final Pattern DISCONNECT = Pattern.compile("disconnect from \\S+ (.*) commands=");

    @Test
    void with_a_login_and_smtp_security_none_the_client_upgrades_with_starttls_before_auth() throws Exception {
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort()).start();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port()).withTlsAndLogins(LOGINS).start()) {
            try (SmtpSession session = RelaySettings.to(postfix.port())
                    .security(MailConfig.SmtpSecurity.NONE, "127.0.0.1").login("relay-user", "relay-secret").open()) {
                session.send(SENDER, "reader@example.org", message("reader@example.org", "Hello"), NOTHING);
            }

            assertThat(commands(postfix)).startsWith("ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1");
            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.received("reader@example.org") == 1);
        }
    }

    @Test
    void without_starttls_offered_no_credential_is_sent_unless_plaintext_auth_is_allowed() throws Exception {
        try (Postfix postfix = Postfix.on(ServiceTest.freePort()).withLogins(LOGINS).start()) {
            RelaySettings settings = RelaySettings.to(postfix.port()).login("relay-user", "relay-secret");

            assertThatThrownBy(settings::open).isInstanceOfSatisfying(SendFailure.class, failure -> {
                assertThat(failure.permanent()).isFalse();
                assertThat(failure.getMessage()).contains("offers no STARTTLS", "SMTP_ALLOW_PLAINTEXT_AUTH");
            });
            assertThat(commands(postfix)).as("Postfix saw no AUTH command").isEqualTo("ehlo=1 quit=1");

            try (SmtpSession session = settings.plaintextAuth().open()) {
                assertThat(session.alive()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> postfix.log().contains("auth=1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAM-MD5", "DIGEST-MD5"})
    void logs_in_with_the_one_challenge_response_mechanism_the_relay_offers(String mechanism) throws Exception {
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort()).start();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port()).withTlsAndLogins(LOGINS)
                     .offeringMechanisms(mechanism).start()) {
            RelaySettings settings = RelaySettings.to(postfix.port()).security(MailConfig.SmtpSecurity.STARTTLS, "127.0.0.1");
            try (SmtpSession session = settings.login("relay-user", "relay-secret").open()) {
                session.send(SENDER, "reader@example.org", message("reader@example.org", "Hello"), NOTHING);
            }
            assertThatThrownBy(() -> settings.login("relay-user", "wrong").open())
                    .isInstanceOfSatisfying(SendFailure.class, failure -> {
                        assertThat(failure.replyCode()).isEqualTo(535);
                        assertThat(failure.getMessage()).contains("AUTH " + mechanism);
                    });

            assertThat(postfix.log()).contains("sasl_method=" + mechanism + ", sasl_username=relay-user");
            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.received("reader@example.org") == 1);
        }
    }

    @Test
    void a_relay_answering_the_final_dot_after_40_seconds_gets_the_message_once() throws Exception {
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort()).start();
             HeldPolicy policy = new HeldPolicy();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port())
                     .set("smtpd_end_of_data_restrictions", "check_policy_service inet:127.0.0.1:" + policy.port())
                     .start()) {
            long started = System.nanoTime();
            // Every other reply may take 5 s; the one to the final dot may take 2 minutes.
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                try (SmtpSession session = RelaySettings.to(postfix.port())
                        .timeouts(Duration.ofSeconds(5), Duration.ofMinutes(2)).open()) {
                    return session.send(SENDER, "reader@example.org", message("reader@example.org", "Hello"), NOTHING);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });

            // The relay holds its answer to the final dot for 40 s, eight times the other replies' timeout.
            await().atMost(Duration.ofSeconds(30)).until(policy::asked);
            await().during(Duration.ofSeconds(40)).atMost(Duration.ofSeconds(45)).until(() -> !reply.isDone());
            policy.answer();

            assertThat(reply.get(30, TimeUnit.SECONDS)).startsWith("250 2.0.0 Ok: queued");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
            assertThat(policy.answered()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> postfix.log().contains("status=sent"));
            assertThat(nextHop.received("reader@example.org")).isEqualTo(1);
            assertThat(nextHop.total()).isEqualTo(1);
        }
    }

    @Test
    void a_message_larger_than_the_relays_size_is_refused_before_any_of_it_is_sent() throws Exception {
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort()).start();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port())
                     .set("message_size_limit", "8000").start()) {
            try (SmtpSession session = RelaySettings.to(postfix.port()).open()) {
                assertThatThrownBy(() -> session.send(SENDER, "big@example.org", message("big@example.org", "x ".repeat(6000)), NOTHING))
                        .isInstanceOfSatisfying(SendFailure.class, failure -> {
                            assertThat(failure.permanent()).isTrue();
                            assertThat(failure.diagnosis().type()).isEqualTo(BounceType.MESSAGE);
                            assertThat(failure.getMessage()).contains("more than the 8000 the relay takes");
                        });
                session.send(SENDER, "small@example.org", message("small@example.org", "Hello"), NOTHING);
            }

            assertThat(commands(postfix)).as("one transaction: the small message's").startsWith("ehlo=1 mail=1 rcpt=1 data=1 quit=1");
            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.received("small@example.org") == 1);
            assertThat(nextHop.attempts("big@example.org")).isZero();
        }
    }

    /** The commands Postfix counted in the session that ended first ({@code ehlo=1 quit=1}). */
    private static String commands(Postfix postfix) {
        await().atMost(Duration.ofSeconds(10)).until(() -> DISCONNECT.matcher(postfix.log()).find());
        Matcher matcher = DISCONNECT.matcher(postfix.log());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /**
     * A Postfix policy server (the policy delegation protocol: name=value lines, an empty line, and
     * an {@code action=} answer) that holds its answer until told: a relay's slow content check at the
     * end of the data.
     */
    private static final class HeldPolicy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final CountDownLatch asked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger answered = new AtomicInteger();

        HeldPolicy() throws IOException {
            threads.execute(this::accept);
        }

        boolean asked() {
            return asked.getCount() == 0;
        }

        void answer() {
            released.countDown();
        }

        int port() {
            return server.getLocalPort();
        }

        int answered() {
            return answered.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = server.accept();
                    threads.execute(() -> serve(client));
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }

        private void serve(Socket client) {
            try (client) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        asked.countDown();
                        released.await();
                        out.write("action=DUNNO\n\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        answered.incrementAndGet();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // Postfix hung up, or the test is over.
            }
        }

        @Override
        public void close() throws Exception {
            released.countDown();
            server.close();
            threads.shutdownNow();
            threads.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
