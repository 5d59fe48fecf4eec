package io.tidings.mail;

import io.tidings.mail.MailTransport.MailConnection;
import io.tidings.mail.MailTransport.Receipt;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One round trip a message over a kept-open connection to a real Postfix, which offers PIPELINING:
 * the end of each message's data goes out in the same write as the next message's MAIL, RCPT and
 * DATA, and each message still hears its own outcome, and only after the one before it has; and
 * against scripted relays, what a connection lost or closed with a message's end unanswered makes of it.
 */
class PipelinedSendingTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    @ExtendWith(PostfixCondition.class)
    void a_run_of_messages_costs_one_write_and_one_round_trip_each() throws Exception {
        int count = 10;
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort()).start();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port()).start();
             WriteCounter writes = new WriteCounter(postfix.port())) {
            MailConnection connection = transport(writes.port()).open();
            for (int i = 1; i <= count; i++) {
                send(connection, "reader" + i + "@example.org");
            }
            connection.finish();
            connection.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.total() == count);
            List<String> written = writes.fromClient();
            // EHLO; the first message's commands; each message's data, its end and the next one's commands; the last end; QUIT.
            assertThat(written).hasSize(count + 3);
            assertThat(written.subList(2, count + 1)).allSatisfy(write -> assertThat(write)
                    .containsOnlyOnce("\r\n.\r\nMAIL FROM:<").endsWith("\r\nDATA\r\n"));
            assertThat(written.get(count + 1)).endsWith("\r\n.\r\n");
            for (int i = 1; i <= count; i++) {
                assertThat(events).contains("accepted reader" + i + "@example.org: 250 2.0.0 Ok: queued as");
            }
            for (int i = 2; i <= count; i++) {
                // The crash bound: a message's data ends only once the one before it has been heard of (and recorded).
                assertThat(events.indexOf("handover reader" + i + "@example.org"))
                        .isGreaterThan(events.indexOf("accepted reader" + (i - 1) + "@example.org: 250 2.0.0 Ok: queued as"));
            }
        }
    }

    @Test
    @ExtendWith(PostfixCondition.class)
    void a_refusal_of_the_next_message_leaves_the_one_before_it_accepted() throws Exception {
        Path access = Files.createTempFile("tidings-access", ".map", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        Files.writeString(access, "refused@example.org REJECT no such reader\n");
        try (FaultySmtp nextHop = new FaultySmtp(ServiceTest.freePort()).start();
             Postfix postfix = Postfix.on(ServiceTest.freePort()).relayingTo(nextHop.port())
                     .set("smtpd_recipient_restrictions", "check_recipient_access texthash:" + access).start()) {
            MailConnection connection = transport(postfix.port()).open();
            send(connection, "first@example.org");
            assertThatThrownBy(() -> send(connection, "refused@example.org"))
                    .isInstanceOfSatisfying(SendFailure.class, failure -> {
                        assertThat(failure.permanent()).isTrue();
                        assertThat(failure.getMessage()).contains("554 5.7.1", "no such reader");
                        assertThat(failure.diagnosis()).isNotNull();
                    });
            assertThat(events).as("the first message's end was answered with the refused one's commands").containsExactly(
                    "handover first@example.org", "accepted first@example.org: 250 2.0.0 Ok: queued as");
            send(connection, "last@example.org");
            connection.finish();
            connection.close();

            assertThat(events).hasSize(4).last().asString().startsWith("accepted last@example.org: 250 2.0.0 Ok: queued as");
            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.total() == 2);
            assertThat(nextHop.received("first@example.org")).isEqualTo(1);
            assertThat(nextHop.received("last@example.org")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> postfix.log().contains(" commands="));
            assertThat(postfix.log()).contains("mail=3 rcpt=2/3 data=2/3 rset=1 quit=1");
        } finally {
            Files.deleteIfExists(access);
        }
    }

    @Test
    void a_connection_lost_with_a_messages_end_unanswered_loses_that_message_and_the_next_goes_on_a_fresh_one() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(
                (in, out) -> {
                    transaction(in, out);
                    // The first message's end and the second's commands arrive; the relay hangs up unanswering.
                    dataAndCommands(in);
                },
                (in, out) -> {
                    transaction(in, out);
                    data(in);
                    ScriptedRelay.say(out, "250 2.0.0 queued as TWO");
                })) {
            MailConnection connection = transport(relay.port()).open();
            send(connection, "one@example.org");
            send(connection, "two@example.org");
            connection.finish();
            connection.close();

            assertThat(events).containsExactly("handover one@example.org", "failed one@example.org: -1",
                    "handover two@example.org", "accepted two@example.org: 250 2.0.0 queued as");
        }
    }

    @Test
    void a_421_in_reply_to_a_messages_end_defers_it_and_the_next_one_uncharged() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay((in, out) -> {
            transaction(in, out);
            dataAndCommands(in);
            ScriptedRelay.say(out, "421 4.3.2 shutting down");
        })) {
            MailConnection connection = transport(relay.port()).open();
            send(connection, "one@example.org");
            assertThatThrownBy(() -> send(connection, "two@example.org")).isInstanceOfSatisfying(SendFailure.class,
                    failure -> assertThat(failure.backOff()).isNotNull());
            connection.close();

            assertThat(events).containsExactly("handover one@example.org", "failed one@example.org: 421 busy");
        }
    }

    private static void transaction(BufferedReader in, OutputStream out) throws IOException {
        for (int i = 0; i < 3; i++) {
            in.readLine();
        }
        ScriptedRelay.say(out, "250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go on");
    }

    private static void data(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            // The content is not the point here.
        }
    }

    private static void dataAndCommands(BufferedReader in) throws IOException {
        data(in);
        for (int i = 0; i < 3; i++) {
            in.readLine();
        }
    }

    private void send(MailConnection connection, String recipient) throws SendFailure {
        Email email = new Email(recipient, null, "Subject", Body.of("Hello"), Body.of("<p>Hello</p>"),
                "<" + recipient.replace('@', '.') + "@tidings.example>", Map.of());
        connection.send(email, () -> events.add("handover " + recipient), new Receipt() {
            @Override
            public void accepted(String reply) {
                events.add("accepted " + recipient + ": " + reply.replaceAll("queued as \\w+", "queued as"));
            }

            @Override
            public void failed(SendFailure failure) {
                events.add("failed " + recipient + ": " + failure.replyCode() + (failure.backOff() == null ? "" : " busy"));
            }
        });
    }

    private static SmtpTransport transport(int port) throws Exception {
        MailConfig config = RelaySettings.to(port).config();
        MimeMessages messages = new MimeMessages(config, Clock.systemUTC(), new DkimSigning(new DkimConfig(null, null, null), config));
        return new SmtpTransport(config, messages, new RelayBackOffConfig(Duration.ofSeconds(1), 3), Clock.systemUTC());
    }

    /** A loopback proxy in front of the relay that keeps each read of what the client wrote: one read a write. */
    private static final class WriteCounter implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<String> fromClient = new CopyOnWriteArrayList<>();

        WriteCounter(int relayPort) throws IOException {
            threads.execute(() -> {
                try (Socket client = server.accept(); Socket relay = new Socket(InetAddress.getLoopbackAddress(), relayPort)) {
                    threads.execute(() -> pump(relay, client, null));
                    pump(client, relay, fromClient);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        /** What the client wrote, read by read, once it has hung up. */
        List<String> fromClient() {
            threads.shutdown();
            await().atMost(Duration.ofSeconds(10)).until(threads::isTerminated);
            return fromClient;
        }

        private static void pump(Socket from, Socket to, List<String> reads) {
            byte[] buffer = new byte[256 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (reads != null) {
                        reads.add(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                    out.write(buffer, 0, read);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // One side hung up.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }
}
