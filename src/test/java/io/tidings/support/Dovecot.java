package io.tidings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Dovecot (Debian's {@code dovecot-imapd} and {@code dovecot-lmtpd}) run by a test in the
 * foreground ({@code dovecot -F -c conf}) with its own configuration, state and Maildirs in a temporary
 * directory, serving IMAP and LMTP on loopback only. Every user exists (static passdb and userdb) with
 * {@link #PASSWORD}; users are whole addresses, and {@code user+detail@domain} is delivered to
 * {@code user@domain}, as {@code recipient_delimiter = +} does on a mail server. Mail is stored as the
 * system user {@code mail}, so Dovecot's master is run as root; {@link DovecotCondition} skips (or,
 * under {@code CI=true}, fails) where it cannot run.
 *
 * <p>With {@link #reportingJunkTo}, Pigeonhole's IMAPSieve runs a Sieve script whenever a message is
 * copied or moved into a user's {@code Junk} folder, and its {@code report} action
 * ({@code vnd.dovecot.report}) sends an RFC 5965 abuse report about it over SMTP: what a mailbox
 * provider's feedback loop does when a reader marks mail as spam.
 */
public final class Dovecot implements AutoCloseable {

    public static final String PASSWORD = "dove/cot:s3cret";

    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final List<Path> PARTS = List.of(Path.of("/usr/lib/dovecot/imap"), Path.of("/usr/lib/dovecot/lmtp"),
            Path.of("/usr/lib/dovecot/modules/lib95_imap_sieve_plugin.so"));
    private static final Duration START_WITHIN = Duration.ofSeconds(30);

    private final int imapPort = ServiceTest.freePort();
    private final int lmtpPort = ServiceTest.freePort();
    private String reportTo;
    private int submissionPort;
    private Path dir;
    private Process master;

    /** Why Dovecot cannot run here, or null where it can. */
    public static String unavailable() {
        if (!Files.isExecutable(DOVECOT)) {
            return "no Dovecot at " + DOVECOT + " (Debian packages dovecot-imapd, dovecot-lmtpd, dovecot-sieve)";
        }
        for (Path part : PARTS) {
            if (!Files.exists(part)) {
                return "no " + part + " (Debian packages dovecot-imapd, dovecot-lmtpd, dovecot-sieve)";
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the harness runs Dovecot's master as root and stores mail as the user mail; this is " + System.getProperty("user.name");
        }
        return null;
    }

    /**
     * A message copied or moved into a user's {@code Junk} folder makes Pigeonhole send an abuse report
     * about it to this address, through the SMTP server on 127.0.0.1 at this port.
     */
    public Dovecot reportingJunkTo(String address, int smtpPort) {
        this.reportTo = address;
        this.submissionPort = smtpPort;
        return this;
    }

    public int imapPort() {
        return imapPort;
    }

    public int lmtpPort() {
        return lmtpPort;
    }

    /** This user's INBOX as {@code BOUNCE_MAILBOX_URL} spells it, user and password %-encoded. */
    public String imapUrl(String user) {
        return "imap://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + imapPort + "/INBOX";
    }

    /**
     * This user's Maildir, created where missing, for a test that puts messages straight into its
     * {@code new} folder (any file there readable by the user {@code mail} is a message Dovecot serves).
     */
    public Path maildir(String user) {
        Path maildir = dir.resolve("mail").resolve(user).resolve("Maildir");
        try {
            for (Path path : List.of(maildir.getParent(), maildir, maildir.resolve("new"), maildir.resolve("cur"),
                    maildir.resolve("tmp"))) {
                Files.createDirectories(path);
                Files.setOwner(path, mailUser());
            }
            return maildir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Dovecot has logged so far. */
    public String log() {
        return LocalPeers.text(dir.resolve("dovecot.log"));
    }

    public Dovecot start() {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        try {
            // The mail user walks into it to reach the Maildirs.
            dir = Files.createTempDirectory("tidings-dovecot", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("state"));
            Files.setOwner(Files.createDirectories(dir.resolve("mail")), mailUser());
            Path conf = dir.resolve("dovecot.conf");
            Files.writeString(conf, configuration(), StandardCharsets.UTF_8);
            if (reportTo != null) {
                Path script = dir.resolve("report-junk.sieve");
                Files.writeString(script, """
                        require ["vnd.dovecot.report"];
                        report "abuse" "The reader moved this message to Junk." "%s";
                        """.formatted(reportTo), StandardCharsets.UTF_8);
                // Compiled here: the imap process, running as the mail user, cannot write next to it.
                LocalPeers.run(List.of("/usr/bin/sievec", "-c", conf.toString(), script.toString()), null);
            }
            master = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("master.out").toFile()).start();
            awaitListening(imapPort);
            awaitListening(lmtpPort);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private String configuration() {
        String text = """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                instance_name = tidings-dovecot-%2$d
                protocols = imap lmtp
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                first_valid_uid = 1
                mail_location = maildir:%1$s/mail/%%u/Maildir
                recipient_delimiter = +
                lmtp_save_to_detail_mailbox = no
                hostname = mail.tidings.test
                postmaster_address = postmaster@mail.tidings.test
                passdb {
                  driver = static
                  args = password=%3$s
                }
                userdb {
                  driver = static
                  args = uid=mail gid=mail home=%1$s/mail/%%u
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    address = 127.0.0.1
                    port = %4$d
                  }
                }
                namespace inbox {
                  inbox = yes
                  mailbox Junk {
                    special_use = \\Junk
                    auto = create
                  }
                }
                """.formatted(dir, imapPort, PASSWORD, lmtpPort);
        if (reportTo == null) {
            return text;
        }
        return text + """
                protocol imap {
                  mail_plugins = $mail_plugins imap_sieve
                }
                plugin {
                  sieve_plugins = sieve_imapsieve
                  sieve_extensions = +vnd.dovecot.report
                  imapsieve_mailbox1_name = Junk
                  imapsieve_mailbox1_causes = COPY APPEND
                  imapsieve_mailbox1_before = file:%1$s/report-junk.sieve
                  sieve_user_email = %%u
                  sieve_report_from = "<postmaster@mail.tidings.test>"
                }
                submission_host = 127.0.0.1:%2$d
                """.formatted(dir, submissionPort);
    }

    private UserPrincipal mailUser() throws IOException {
        return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mail");
    }

    private void awaitListening(int port) throws IOException {
        LocalPeers.awaitListening("Dovecot", master, port, START_WITHIN, () -> log() + LocalPeers.text(dir.resolve("master.out")));
    }

    /** Stops the master, which ends its children, and removes the instance's files. */
    @Override
    public void close() {
        if (master != null && master.isAlive()) {
            master.destroy();
            try {
                if (!master.waitFor(20, TimeUnit.SECONDS)) {
                    master.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                master.destroyForcibly();
            }
        }
        if (dir != null) {
            LocalPeers.delete(dir);
        }
    }
}
