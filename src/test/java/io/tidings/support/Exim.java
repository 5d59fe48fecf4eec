package io.tidings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Exim 4 (Debian 12's {@code exim4-daemon-light}) run by a test in the foreground ({@code exim -bdf})
 * with its own configuration ({@code -C}), spool and log in a temporary directory, listening on loopback only.
 * Debian's Exim conflicts with Postfix, so {@code .ci/run} unpacks the package ({@code dpkg -x}) into
 * {@code /opt/tidings-exim} instead of installing it; {@code TEST_EXIM} names another binary. It runs as root
 * and delivers as Debian's {@code Debian-exim} user; {@link EximCondition} skips (or, under {@code CI=true},
 * fails) where it cannot run.
 *
 * <p>Exim gives up root for a {@code -C} configuration that is not in Debian's trusted list: all it does here
 * is relay over SMTP, which it does as its own user anyway. A domain without a {@link #route} is one Exim's
 * routers cannot route ({@code Unrouteable address}).
 *
 * <pre>{@code
 * try (Exim exim = Exim.on(port).route("example.com", nextHopPort).verifying("checked.example").start()) { ... }
 * }</pre>
 */
public final class Exim implements AutoCloseable {

    private static final String USER = "Debian-exim";
    private static final Duration START_WITHIN = Duration.ofSeconds(30);

    private final int port;
    private final Map<String, Integer> routes = new LinkedHashMap<>();
    private final List<String> verified = new ArrayList<>();
    private Path dir;
    private Process daemon;

    private Exim(int port) {
        this.port = port;
    }

    /** The Exim binary: {@code TEST_EXIM}, else the one {@code .ci/run} unpacks, else an installed one. */
    public static Path binary() {
        String given = System.getenv("TEST_EXIM");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path unpacked = Path.of("/opt/tidings-exim/usr/sbin/exim4");
        return Files.exists(unpacked) ? unpacked : Path.of("/usr/sbin/exim4");
    }

    /** Why Exim cannot run here, or null where it can. */
    public static String unavailable() {
        Path exim = binary();
        if (!Files.isExecutable(exim)) {
            return "no Exim at " + exim + " (.ci/run unpacks Debian's exim4-daemon-light into /opt/tidings-exim; TEST_EXIM names another binary)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "Exim's daemon is started as root here; this is " + System.getProperty("user.name");
        }
        try {
            Process version = new ProcessBuilder(exim.toString(), "-bV").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!version.waitFor(30, TimeUnit.SECONDS) || !output.contains("Exim version 4")) {
                return exim + " -bV does not run: " + output.strip()
                        + " (it needs the user " + USER + " and exim4-daemon-light's libraries, as .ci/run sets up)";
            }
        } catch (IOException e) {
            return exim + " does not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    /** An Exim listening on 127.0.0.1 at this port, relaying for loopback clients, routing nothing until told. */
    public static Exim on(int port) {
        return new Exim(port);
    }

    /** Delivers mail for this domain over SMTP to 127.0.0.1 at this port, without DNS. */
    public Exim route(String domain, int smtpPort) {
        routes.put(domain, smtpPort);
        return this;
    }

    /**
     * Refuses RCPT for this domain's addresses that fail Exim's recipient verification, with a callout
     * to the next hop where the domain has a route: the refusal comes during SMTP, in Exim's words.
     */
    public Exim verifying(String domain) {
        verified.add(domain);
        return this;
    }

    public int port() {
        return port;
    }

    /** What Exim has logged so far (its main log). */
    public String log() {
        return LocalPeers.text(dir.resolve("log").resolve("mainlog"));
    }

    public Exim start() {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        try {
            // Exim's user walks into it to reach its spool and log.
            dir = Files.createTempDirectory("tidings-exim", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            UserPrincipal exim = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            for (String owned : List.of("spool", "log")) {
                Files.setOwner(Files.createDirectories(dir.resolve(owned)), exim);
            }
            Path conf = dir.resolve("exim.conf");
            Files.writeString(conf, configuration(), StandardCharsets.UTF_8);
            // -q5s: a queue runner, should anything be deferred.
            daemon = new ProcessBuilder(binary().toString(), "-C", conf.toString(), "-bdf", "-q5s")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
            LocalPeers.awaitListening("Exim", daemon, port, START_WITHIN, () -> LocalPeers.text(dir.resolve("daemon.out")) + log());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private String configuration() {
        StringBuilder text = new StringBuilder();
        text.append("exim_path = ").append(binary()).append('\n')
                .append("spool_directory = ").append(dir.resolve("spool")).append('\n')
                .append("log_file_path = ").append(dir.resolve("log")).append("/%slog\n")
                .append("primary_hostname = relay.tidings.test\n")
                .append("daemon_smtp_ports = ").append(port).append('\n')
                .append("local_interfaces = 127.0.0.1\n")
                .append("disable_ipv6 = true\n")
                // No DNS, ident or TLS: everything is on loopback.
                .append("host_lookup =\nrfc1413_hosts =\ntls_advertise_hosts =\nkeep_environment =\n")
                .append("acl_smtp_rcpt = check_rcpt\n")
                .append("\nbegin acl\ncheck_rcpt:\n");
        if (!verified.isEmpty()) {
            text.append("  deny domains = ").append(String.join(" : ", verified)).append('\n')
                    .append("       !verify = recipient/callout=10s\n");
        }
        text.append("  accept hosts = 127.0.0.1\n")
                .append("\nbegin routers\n");
        // One transport per next hop's port; "self = send" since every host is this one.
        routes.forEach((domain, smtpPort) -> text.append("route_").append(smtpPort).append("_").append(domain.replace('.', '_'))
                .append(":\n  driver = manualroute\n  domains = ").append(domain)
                .append("\n  route_list = * 127.0.0.1\n  self = send\n  transport = smtp_").append(smtpPort).append('\n'));
        text.append("\nbegin transports\n");
        routes.values().stream().distinct().forEach(smtpPort -> text.append("smtp_").append(smtpPort)
                .append(":\n  driver = smtp\n  port = ").append(smtpPort).append("\n  allow_localhost\n"));
        return text.toString();
    }

    /**
     * Stops the daemon and every process of this instance (a client's kept-open session, a delivery under
     * way): each carries this instance's configuration on its command line. Then removes its files.
     */
    @Override
    public void close() {
        if (daemon != null) {
            String conf = dir.resolve("exim.conf").toString();
            daemon.destroy();
            try {
                if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.destroyForcibly();
            }
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().arguments().map(args -> List.of(args).contains(conf)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        if (dir != null) {
            LocalPeers.delete(dir);
        }
    }
}
