package io.tidings.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A relay built on Python's aiosmtpd (Debian's {@code python3-aiosmtpd}), for what neither Postfix nor
 * SubEthaSMTP can be made to do: refuse EHLO (an RFC 821 relay) and offer XOAUTH2 as Gmail answers it.
 * The server is {@code src/test/resources/relays/aiosmtpd_relay.py}; it writes each message it accepts
 * as a JSON file, read back as a {@link Received}. {@link AiosmtpdCondition} skips (or, under
 * {@code CI=true}, fails) where it cannot run.
 */
public final class Aiosmtpd implements AutoCloseable {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted message: the envelope, MAIL's parameters, the client's EHLO/HELO name, its login. */
    public record Received(String from, List<String> to, List<String> options, String helo, String login) {
    }

    private final int port;
    private final Path dir;
    private Process process;

    private Aiosmtpd(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Why the relay cannot run here, or null where it can. */
    public static String unavailable() {
        if (!Files.isExecutable(PYTHON)) {
            return "no " + PYTHON;
        }
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd").redirectErrorStream(true).start();
            return probe.waitFor() == 0 ? null : "Python's aiosmtpd is missing (Debian package python3-aiosmtpd)";
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Starts the relay on this port with the script's options ({@code --helo-only}, {@code --xoauth2 user:token}). */
    public static Aiosmtpd start(int port, String... options) {
        try {
            Aiosmtpd relay = new Aiosmtpd(port, Files.createTempDirectory("tidings-aiosmtpd"));
            Files.createDirectories(relay.dir.resolve("spool"));
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), Integer.toString(port),
                    relay.dir.resolve("spool").toString()));
            command.addAll(List.of(options));
            relay.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(relay.dir.resolve("output").toFile()).start();
            LocalPeers.awaitListening("aiosmtpd", relay.process, port, Duration.ofSeconds(20),
                    () -> LocalPeers.text(relay.dir.resolve("output")));
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The messages accepted so far, in order. */
    @SuppressWarnings("unchecked")
    public List<Received> received() {
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            List<Received> received = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList()) {
                Map<String, Object> message = JSON.readValue(file.toFile(), Map.class);
                received.add(new Received((String) message.get("from"), (List<String>) message.get("to"),
                        (List<String>) message.get("options"), (String) message.get("helo"), (String) message.get("login")));
            }
            return received;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path script() {
        try {
            return Path.of(Aiosmtpd.class.getResource("/relays/aiosmtpd_relay.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closing its standard input stops the relay; its files go. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        LocalPeers.delete(dir);
    }
}
