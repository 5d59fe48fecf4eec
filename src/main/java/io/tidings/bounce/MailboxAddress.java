package io.tidings.bounce;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code BOUNCE_MAILBOX_URL} read at start (a wrong one stops the start): the store's protocol, the folder, and a Jakarta Mail
 * session for it. Its {@link #toString()} leaves the password out, so it is what logs and health show.
 */
@Context
@Requires(property = "tidings.bounce-mailbox.url", pattern = ".*\\S.*")
final class MailboxAddress {

    private static final List<String> PROTOCOLS = List.of("imap", "imaps", "pop3", "pop3s");

    private final URLName url;
    private final String folder;
    private final String shown;
    private final Session session;

    MailboxAddress(BounceMailboxConfig config) {
        String text = config.url() == null ? "" : config.url().strip();
        URLName parsed = new URLName(text);
        String protocol = parsed.getProtocol() == null ? "" : parsed.getProtocol().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol) || parsed.getHost() == null || parsed.getHost().isEmpty()) {
            // The URL holds the password: only its scheme is named.
            throw new IllegalArgumentException("BOUNCE_MAILBOX_URL must look like imaps://user:password@host/INBOX "
                    + "(imap, imaps, pop3 or pop3s), not " + (protocol.isEmpty() ? "that" : protocol + "://…"));
        }
        if (parsed.getUsername() == null || parsed.getPassword() == null) {
            throw new IllegalArgumentException("BOUNCE_MAILBOX_URL names no user and password (" + protocol + "://user:password@host/INBOX)");
        }
        String path = parsed.getFile() == null || parsed.getFile().isBlank() ? "INBOX" : parsed.getFile();
        if (protocol.startsWith("pop3") && !"INBOX".equalsIgnoreCase(path)) {
            throw new IllegalArgumentException("BOUNCE_MAILBOX_URL: a POP3 mailbox has only INBOX, not " + path);
        }
        if (protocol.startsWith("pop3") && !blank(config.doneFolder())) {
            throw new IllegalArgumentException("BOUNCE_MAILBOX_DONE_FOLDER needs IMAP: POP3 has no folders to move messages to");
        }
        this.url = new URLName(protocol, parsed.getHost(), parsed.getPort(), null, parsed.getUsername(), parsed.getPassword());
        this.folder = path;
        this.shown = protocol + "://" + parsed.getUsername() + "@" + parsed.getHost()
                + (parsed.getPort() > 0 ? ":" + parsed.getPort() : "") + "/" + path;
        this.session = Session.getInstance(properties(protocol, parsed.getHost(), config));
    }

    private static Properties properties(String protocol, String host, BounceMailboxConfig config) {
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(config.timeout().toMillis());
        Properties properties = new Properties();
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        // FETCH BODY.PEEK[]: reading a message never sets \Seen, so mail that is not a bounce stays exactly as it was.
        properties.put(prefix + "peek", "true");
        // Upgrade a plain connection when the server offers it: the password is sent after.
        properties.put(prefix + "starttls.enable", "true");
        List<String> trusted = blank(config.tlsTrust()) ? List.of() : List.of(config.tlsTrust().strip().split("[\\s,]+"));
        boolean vouchedFor = trusted.contains("*") || trusted.contains(host);
        if (vouchedFor) {
            properties.put(prefix + "ssl.trust", host);
        }
        properties.put(prefix + "ssl.checkserveridentity", Boolean.toString(!vouchedFor));
        return properties;
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    URLName url() {
        return url;
    }

    String folder() {
        return folder;
    }

    Session session() {
        return session;
    }

    /** POP3 deletes only when the session ends; IMAP removes what was handled as it goes. */
    boolean expunges() {
        return url.getProtocol().startsWith("imap");
    }

    @Override
    public String toString() {
        return shown;
    }
}
