package io.tidings.mail;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The relay write timeout, on the shared deadline sweep. */
class WriteDeadlinesTest {

    private static final int TIMEOUT_MS = 300;

    private static Socket connect(ServerSocket relay) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.getLocalPort()), 1_000);
        return socket;
    }

    private static OutputStream timed(Socket socket) throws IOException {
        return WriteDeadlines.shared().guard(socket, socket.getOutputStream(), Duration.ofMillis(TIMEOUT_MS));
    }

    @Test
    void a_write_to_a_relay_that_stopped_reading_is_cut_off_soon_after_the_timeout() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = connect(relay);
             Socket accepted = relay.accept()) {
            OutputStream out = timed(socket);
            byte[] chunk = new byte[64 * 1024];
            long start = System.nanoTime();

            // Nobody reads: once the socket buffers are full, a write blocks until its deadline closes the socket.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> {
                while (true) {
                    out.write(chunk);
                }
            }).isInstanceOf(IOException.class));

            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).isGreaterThanOrEqualTo(TIMEOUT_MS);
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void writes_that_end_in_time_leave_no_deadline_behind_to_close_the_connection_later() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = connect(relay);
             Socket accepted = relay.accept()) {
            Thread reader = new Thread(() -> drain(accepted));
            reader.start();
            OutputStream out = timed(socket);
            for (int i = 0; i < 1_000; i++) {
                out.write(new byte[4 * 1024]);
            }

            await().during(Duration.ofMillis(TIMEOUT_MS + 3 * WriteDeadlines.SWEEP.toMillis()))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !socket.isClosed());
            out.write(new byte[4 * 1024]);
            socket.close();
            reader.join(5_000);
        }
    }

    private static void drain(Socket accepted) {
        try (InputStream in = accepted.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // The test closed its end.
        }
    }
}
