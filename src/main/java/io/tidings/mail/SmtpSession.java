package io.tidings.mail;

import io.tidings.mail.BounceClassifier.Stage;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One SMTP connection to the relay (RFC 5321), speaking what a sender of newsletters needs: EHLO,
 * STARTTLS (RFC 3207), AUTH PLAIN and LOGIN (RFC 4954), and one transaction per message. Where the
 * relay offers PIPELINING (RFC 2920), MAIL, RCPT and DATA go out in one write and their replies are
 * read together, so a message costs two round trips rather than four: on a busy connection the round
 * trips, and the thread switches each one costs, are most of the work. Jakarta Mail's transport
 * waits for each reply before the next command. The bytes themselves are {@link SmtpWire}'s.
 *
 * <p>A reply the relay gives to a message's transaction throws a {@link SendFailure} and leaves the
 * session usable; anything else (a broken connection, a timeout, a reply out of place, a refusal
 * before any message) throws and leaves the session to be closed.
 */
final class SmtpSession implements Closeable {

    private static final Map<Stage, String> STEPS = Map.of(
            Stage.SENDER, "MAIL FROM", Stage.RECIPIENT, "RCPT TO", Stage.DATA, "the message");

    private final SmtpWire wire;
    private List<String> extensions = List.of();

    private SmtpSession(SmtpWire wire) {
        this.wire = wire;
    }

    /** Connects, greets, secures and logs in as the configuration says; refusals are transient failures. */
    static SmtpSession open(MailConfig config, RelayTls tls, WriteDeadlines deadlines) throws IOException, SendFailure {
        SmtpSession session = new SmtpSession(SmtpWire.connect(config, deadlines));
        try {
            if (config.smtpSecurity() == MailConfig.SmtpSecurity.TLS) {
                session.wire.secure(tls);
            }
            expect(session.wire.reply(), "the connection");
            session.ehlo();
            if (config.smtpSecurity() == MailConfig.SmtpSecurity.STARTTLS) {
                if (!session.offers("STARTTLS")) {
                    throw refused("the relay does not offer STARTTLS, which SMTP_SECURITY=starttls requires");
                }
                expect(session.wire.command("STARTTLS"), "STARTTLS");
                session.wire.secure(tls);
                session.ehlo();
            }
            if (!config.smtpUser().isBlank()) {
                session.authenticate(config.smtpUser(), config.smtpPassword());
            }
            return session;
        } catch (IOException | SendFailure | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private boolean offers(String extension) {
        return extensions.contains(extension);
    }

    /**
     * Sends one message to one recipient and returns the relay's reply to it. A refusal of the
     * sender is not the recipient's doing, so it is never permanent for the message. {@code handover}
     * runs before the end of the data; what it throws leaves the session mid-DATA, to be closed, which
     * is how SMTP abandons a message.
     */
    String send(String sender, String recipient, byte[] message, Runnable handover) throws IOException, SendFailure {
        try {
            return transaction(sender, recipient, message, handover);
        } catch (SendFailure refused) {
            // The relay may still hold the sender or recipients it accepted; the next message starts clean.
            if (wire.command("RSET").code() != 250) {
                throw new IOException("the relay refused RSET after: " + refused.getMessage());
            }
            throw refused;
        }
    }

    private String transaction(String sender, String recipient, byte[] message, Runnable handover)
            throws IOException, SendFailure {
        // Both checked before anything is written, so a refusal leaves no half-sent commands behind.
        String from = "MAIL FROM:<" + envelope(sender) + ">";
        String to = "RCPT TO:<" + envelope(recipient) + ">";
        SmtpReply mail;
        SmtpReply rcpt;
        SmtpReply data;
        if (offers("PIPELINING")) {
            wire.line(from);
            wire.line(to);
            wire.line("DATA");
            wire.flush();
            mail = wire.reply();
            rcpt = wire.reply();
            data = wire.reply();
        } else {
            mail = wire.command(from);
            requireAccepted(mail, Stage.SENDER, sender);
            rcpt = wire.command(to);
            requireAccepted(rcpt, Stage.RECIPIENT, sender);
            data = wire.command("DATA");
        }
        if (data.code() == 354 && !(mail.positive() && rcpt.positive())) {
            // RFC 2920 section 3.1: DATA was taken with no recipient; an empty message ends it.
            wire.command(".");
        }
        requireAccepted(mail, Stage.SENDER, sender);
        requireAccepted(rcpt, Stage.RECIPIENT, sender);
        if (data.code() != 354) {
            requireAccepted(data, Stage.DATA, sender);
            throw new IOException("the relay answered DATA with " + data.text());
        }
        wire.data(message);
        handover.run();
        wire.line(".");
        SmtpReply accepted = wire.flushAndRead();
        requireAccepted(accepted, Stage.DATA, sender);
        return accepted.text();
    }

    /** True if the relay still answers, for a connection that sat idle. */
    boolean alive() {
        try {
            return wire.command("NOOP").code() == 250;
        } catch (IOException e) {
            return false;
        }
    }

    /** Says QUIT without waiting for the answer, then drops the connection. */
    @Override
    public void close() {
        try {
            if (wire.open()) {
                wire.line("QUIT");
                wire.flush();
            }
        } catch (IOException ignored) {
            // The connection is being dropped either way.
        }
        wire.close();
    }

    private void ehlo() throws IOException, SendFailure {
        SmtpReply reply = wire.command("EHLO " + ClientName.of(wire.localAddress()));
        expect(reply, "EHLO");
        extensions = reply.extensions();
    }

    private void authenticate(String user, String password) throws IOException, SendFailure {
        List<String> mechanisms = extensions.stream()
                .filter(keyword -> keyword.startsWith("AUTH ") || keyword.startsWith("AUTH="))
                .flatMap(keyword -> List.of(keyword.substring(5).split(" ")).stream())
                .toList();
        if (mechanisms.contains("PLAIN")) {
            expect(wire.command("AUTH PLAIN " + base64("\0" + user + "\0" + password)), "the login (AUTH PLAIN)");
        } else if (mechanisms.contains("LOGIN")) {
            SmtpReply reply = wire.command("AUTH LOGIN");
            reply = reply.code() == 334 ? wire.command(base64(user)) : reply;
            reply = reply.code() == 334 ? wire.command(base64(password)) : reply;
            expect(reply, "the login (AUTH LOGIN)");
        } else {
            throw refused("SMTP_USER is set, but the relay offers no login Tidings speaks (PLAIN or LOGIN)"
                    + (mechanisms.isEmpty() ? "; some relays offer one only after STARTTLS" : ": " + mechanisms));
        }
    }

    /** Before any message, a refusal is about the relay or our settings: transient for every message. */
    private static void expect(SmtpReply reply, String step) throws SendFailure {
        if (!reply.positive()) {
            throw new SendFailure(false, reply.code(), "the relay refused " + step + ": " + reply.text(), null);
        }
    }

    /**
     * In a transaction a 4xx is worth another try and a 5xx is final, except for the sender, whose
     * refusal is for the operator to mend; a reply out of place means the session is lost. The
     * classifier says what a refusal is about, whichever command drew it.
     */
    private static void requireAccepted(SmtpReply reply, Stage stage, String sender) throws SendFailure, IOException {
        if (reply.positive()) {
            return;
        }
        if (reply.code() < 400) {
            throw new IOException("unexpected reply to " + STEPS.get(stage) + ": " + reply.text());
        }
        String text = stage == Stage.SENDER ? "the relay refused the sender: " + reply.text() : reply.text();
        throw SendFailure.refused(reply.permanent() && stage != Stage.SENDER, reply.code(), text,
                BounceClassifier.reply(stage, reply.code(), reply.text(), sender));
    }

    /** Addresses come from validated rows, but an envelope is a command line: nothing may end it early. */
    private static String envelope(String address) throws SendFailure {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>') {
                throw new SendFailure(true, -1, "address unfit for an SMTP envelope: " + address.strip(), null);
            }
        }
        return address;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SendFailure refused(String why) {
        return new SendFailure(false, -1, why, null);
    }

    /** Our name in EHLO: the host's, where it has a domain, looked up once; else our address as a literal. */
    private static final class ClientName {

        private static final String HOST = host();

        static String of(InetAddress local) {
            if (HOST != null) {
                return HOST;
            }
            String address = local.getHostAddress();
            return address.contains(":") ? "[IPv6:" + address + "]" : "[" + address + "]";
        }

        private static String host() {
            try {
                String name = InetAddress.getLocalHost().getCanonicalHostName();
                return name.indexOf('.') > 0 && !Character.isDigit(name.charAt(name.length() - 1)) ? name : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
