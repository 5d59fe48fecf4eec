package io.tidings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Postfix (Debian's package) run by a test in the foreground ({@code postfix start-fg}) with
 * its own configuration, queue and log in a temporary directory, listening on loopback only. It
 * needs root, as Postfix's master does; {@link PostfixCondition} skips (or, under {@code CI=true},
 * fails) where it cannot run.
 *
 * <pre>{@code
 * try (Postfix postfix = Postfix.on(port).relayingTo(sinkPort).set("smtpd_tls_security_level", "may").start()) { ... }
 * }</pre>
 */
public final class Postfix implements AutoCloseable {

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path SASLPASSWD = Path.of("/usr/sbin/saslpasswd2");
    /** postfix-script checks the whole installation first: over 20 s on a loaded two-core machine. */
    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final int port;
    private final Map<String, String> main = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private String mechanisms = "PLAIN LOGIN CRAM-MD5 DIGEST-MD5";
    private Path dir;
    private Process master;

    private Postfix(int port) {
        this.port = port;
    }

    /** Why Postfix cannot run here, or null where it can. */
    public static String unavailable() {
        if (!Files.isExecutable(POSTFIX)) {
            return "no Postfix at " + POSTFIX + " (Debian package postfix)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "Postfix's master runs as root only; this is " + System.getProperty("user.name");
        }
        return null;
    }

    /** A Postfix whose smtpd listens on 127.0.0.1 at this port, delivering nowhere until told. */
    public static Postfix on(int port) {
        return new Postfix(port);
    }

    /** Sends every message on to an SMTP server at 127.0.0.1 on this port, without DNS. */
    public Postfix relayingTo(int nextHopPort) {
        return set("relayhost", "[127.0.0.1]:" + nextHopPort);
    }

    /** One main.cf parameter; later calls win. */
    public Postfix set(String parameter, String value) {
        main.put(parameter, value);
        return this;
    }

    /** One more master.cf line, as Postfix's documentation writes them. */
    public Postfix service(String line) {
        services.add(line);
        return this;
    }

    /**
     * Offers STARTTLS with a self-signed certificate for {@code relay.tidings.test} and 127.0.0.1, and SMTP
     * AUTH (Cyrus SASL, sasldb) for these users, on PLAIN, LOGIN, CRAM-MD5 and DIGEST-MD5 unless
     * {@link #offeringMechanisms} says otherwise.
     */
    public Postfix withTlsAndLogins(Map<String, String> logins) {
        set("smtpd_tls_security_level", "may");
        return withLogins(logins);
    }

    /** SMTP AUTH for these users, on a connection without TLS (no STARTTLS offered). */
    public Postfix withLogins(Map<String, String> logins) {
        users.putAll(logins);
        set("smtpd_sasl_auth_enable", "yes");
        set("smtpd_sasl_security_options", "noanonymous");
        return this;
    }

    /** Offers only these SASL mechanisms (Cyrus's {@code mech_list}), such as {@code CRAM-MD5}. */
    public Postfix offeringMechanisms(String... names) {
        mechanisms = String.join(" ", names);
        return this;
    }

    public int port() {
        return port;
    }

    /** Where this instance's files are: configuration in {@code conf}, mail log in {@code maillog}. */
    public Path directory() {
        return dir;
    }

    /** What Postfix has logged so far. */
    public String log() {
        return LocalPeers.text(dir.resolve("maillog"));
    }

    public Postfix start() {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        try {
            // Postfix's own user walks into it: readable by all, as /var/spool/postfix is.
            dir = Files.createTempDirectory("tidings-postfix", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path data = Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("queue"));
            UserPrincipalLookupService names = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(data, names.lookupPrincipalByName("postfix"));
            Files.copy(Path.of("/etc/postfix/master.cf"), conf.resolve("master.cf"));
            Files.writeString(conf.resolve("main.cf"), mainCf(conf), StandardCharsets.UTF_8);
            postconf(conf, "-F", "*/*/chroot = n");
            // The stock smtpd on port 25 becomes ours on the test's port.
            postconf(conf, "-M#", "smtp/inet");
            postconf(conf, "-M", port + "/inet = " + port + " inet n - n - - smtpd");
            for (String line : services) {
                Files.writeString(conf.resolve("master.cf"), line + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            if (main.containsKey("smtpd_tls_security_level")) {
                certificate(conf);
            }
            if (!users.isEmpty()) {
                logins(conf);
            }
            master = new ProcessBuilder(POSTFIX.toString(), "-c", conf.toString(), "start-fg")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("master.out").toFile()).start();
            LocalPeers.awaitListening("Postfix", master, port, START_WITHIN, () -> log() + LocalPeers.text(dir.resolve("master.out")));
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private String mainCf(Path conf) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("compatibility_level", "3.6");
        all.put("config_directory", conf.toString());
        all.put("queue_directory", dir.resolve("queue").toString());
        all.put("data_directory", dir.resolve("data").toString());
        all.put("mail_owner", "postfix");
        all.put("setgid_group", "postdrop");
        all.put("inet_interfaces", "127.0.0.1");
        all.put("inet_protocols", "ipv4");
        all.put("myhostname", "relay.tidings.test");
        all.put("mydestination", "");
        all.put("mynetworks", "127.0.0.0/8");
        all.put("maillog_file", dir.resolve("maillog").toString());
        all.put("maillog_file_prefixes", dir.toString());
        all.put("smtp_dns_support_level", "disabled");
        all.put("disable_dns_lookups", "yes");
        all.put("smtp_host_lookup", "native");
        // No delays between retries or before bounces: a test sees what Postfix does at once.
        all.put("queue_run_delay", "1s");
        all.put("minimal_backoff_time", "1s");
        all.put("maximal_backoff_time", "2s");
        all.put("alias_maps", "");
        all.put("alias_database", "");
        all.putAll(main);
        StringBuilder text = new StringBuilder();
        all.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    private void certificate(Path conf) throws IOException {
        Path key = conf.resolve("relay.key");
        Path cert = conf.resolve("relay.crt");
        LocalPeers.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=relay.tidings.test", "-addext", "subjectAltName=DNS:relay.tidings.test,IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString()), null);
        postconf(conf, "smtpd_tls_cert_file=" + cert, "smtpd_tls_key_file=" + key);
    }

    private void logins(Path conf) throws IOException {
        // Debian's Postfix reads its Cyrus SASL settings from $config_directory/sasl/smtpd.conf.
        Path sasl = Files.createDirectories(conf.resolve("sasl"));
        Path db = sasl.resolve("sasldb2");
        for (Map.Entry<String, String> user : users.entrySet()) {
            LocalPeers.run(List.of(SASLPASSWD.toString(), "-c", "-p", "-f", db.toString(), "-u", "relay.tidings.test", user.getKey()),
                    user.getValue());
        }
        // smtpd runs as postfix and reads the database itself; Postfix's checks want root to own it.
        Files.getFileAttributeView(db, PosixFileAttributeView.class).setGroup(
                db.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("postfix"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(sasl.resolve("smtpd.conf"), "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: "
                + db + "\nmech_list: " + mechanisms + "\n");
        postconf(conf, "smtpd_sasl_local_domain=relay.tidings.test");
    }

    private static void postconf(Path conf, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/postconf", "-c", conf.toString()));
        if (settings[0].startsWith("-")) {
            command.add(settings[0]);
            command.addAll(List.of(settings).subList(1, settings.length));
        } else {
            command.add("-e");
            command.addAll(List.of(settings));
        }
        LocalPeers.run(command, null);
    }

    /**
     * An smtpd serving a client outlives {@code postfix stop} until the client hangs up: a worker's
     * kept-open connection would go on talking to this instance's settings in the next test. Its
     * processes carry the instance's MAIL_CONFIG, so they are ended as a relay that goes down ends them.
     */
    private void endSessions() {
        String mine = "MAIL_CONFIG=" + dir.resolve("conf");
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                String environment = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "environ"),
                        StandardCharsets.ISO_8859_1);
                if (List.of(environment.split("\0")).contains(mine)) {
                    process.destroyForcibly();
                }
            } catch (IOException | UncheckedIOException gone) {
                // Ended meanwhile, or not ours to read.
            }
        });
    }

    /** Stops the master and its children, and removes the instance's files. */
    @Override
    public void close() {
        if (master != null && master.isAlive()) {
            try {
                LocalPeers.run(List.of(POSTFIX.toString(), "-c", dir.resolve("conf").toString(), "stop"), null);
                if (!master.waitFor(20, TimeUnit.SECONDS)) {
                    master.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                master.destroyForcibly();
            }
            endSessions();
        }
        if (dir != null) {
            LocalPeers.delete(dir);
        }
    }
}
