package io.tidings.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.RawHttp;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Clients that hold a connection open without finishing a request: cut off, while a slow honest one is served. */
@MicronautTest(transactional = false)
class SlowClientTest extends ServiceTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static final String REQUEST = "GET /assets/site.css HTTP/1.1\r\nHost: localhost\r\nAccept: text/css\r\n";

    /** The client's own pace: it writes from here while the test reads. */
    private final ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.http.header-timeout", HEADER_TIMEOUT.toSeconds() + "s",
                "micronaut.server.idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
    }

    @AfterAll
    void stopClient() {
        client.shutdownNow();
    }

    @Test
    void a_client_that_trickles_its_headers_is_cut_off_before_the_idle_timeout() throws IOException {
        byte[] head = ascii(REQUEST + "X-Padding: " + "a".repeat(500) + "\r\n\r\n");
        try (Socket socket = new RawHttp(server.getURI()).open()) {
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            // A byte every 100 ms: never idle, and the headers would take a minute to finish.
            ScheduledFuture<?> trickle = client.scheduleAtFixedRate(() -> write(socket, new byte[]{head[sent.getAndIncrement()]}),
                    0, 100, TimeUnit.MILLISECONDS);

            await().atMost(IDLE_TIMEOUT.plusSeconds(2)).until(() -> closedByServer(socket));
            trickle.cancel(false);

            Duration open = Duration.ofNanos(System.nanoTime() - start);
            assertThat(open).isBetween(HEADER_TIMEOUT, IDLE_TIMEOUT);
            assertThat(sent.get()).isLessThan(head.length);
        }
    }

    @Test
    void a_slow_but_honest_request_is_answered_and_its_connection_kept_for_the_next() throws IOException {
        try (Socket socket = new RawHttp(server.getURI()).open()) {
            // Headers in two parts, half the timeout apart.
            write(socket, ascii(REQUEST));
            client.schedule(() -> write(socket, ascii("\r\n")), HEADER_TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS);
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");

            // The next request after a pause longer than the header timeout, but shorter than the idle timeout.
            client.schedule(() -> write(socket, ascii(REQUEST + "Connection: close\r\n\r\n")),
                    HEADER_TIMEOUT.toMillis() * 3 / 2, TimeUnit.MILLISECONDS);
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_idle_timeout() throws IOException {
        try (Socket socket = new RawHttp(server.getURI()).open()) {
            long start = System.nanoTime();

            await().atMost(IDLE_TIMEOUT.plusSeconds(3)).until(() -> closedByServer(socket));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(IDLE_TIMEOUT.minusMillis(500));
        }
    }

    /** True once the server has closed the connection; waits for it at most a moment. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(50);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** One response with a Content-Length body, leaving the connection open. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?is).*\r\ncontent-length: *(\\d+)\r\n.*", "$1"));
        in.readNBytes(length);
        return text;
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
