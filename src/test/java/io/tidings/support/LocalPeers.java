package io.tidings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What the harnesses of real peers run as processes on loopback (Postfix, Exim, aiosmtpd) share. */
final class LocalPeers {

    private LocalPeers() {
    }

    /**
     * Waits until something accepts connections on 127.0.0.1 at this port.
     *
     * @param said what the peer wrote so far, for the exception when it stops or never listens
     */
    static void awaitListening(String peer, Process process, int port, Duration within, Supplier<String> said) throws IOException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException(peer + " stopped at start: " + said.get());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IOException(peer + " did not listen on " + port + " within " + within.toSeconds() + " s: " + said.get());
    }

    /** The text of a file the peer writes, empty while it has not written it. */
    static String text(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a peer's temporary directory and all in it. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory; the system cleans it eventually.
        }
    }
}
