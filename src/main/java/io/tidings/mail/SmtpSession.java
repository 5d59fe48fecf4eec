package io.tidings.mail;

import io.tidings.mail.BounceClassifier.Stage;

import java.io.Closeable;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.Map;

/**
 * One SMTP connection to the relay (RFC 5321), speaking what a sender of newsletters needs: EHLO (HELO
 * where the relay refuses it), STARTTLS (RFC 3207), AUTH (RFC 4954, see {@link SmtpLogin}), SIZE
 * (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), and one transaction per message. Where the
 * relay offers PIPELINING (RFC 2920), MAIL, RCPT and DATA go out in one write and their replies are
 * read together; {@link #pipeline} also holds back the end of a message's data until the next
 * message's commands can follow it in the same write (section 3.1), so a message costs one round trip
 * rather than four: on a busy connection the round trips, and the thread switches each one costs, are
 * most of the work. Jakarta Mail's transport waits for each reply before the next command. The bytes
 * themselves are {@link SmtpWire}'s.
 *
 * <p>A reply the relay gives to a message's transaction throws a {@link SendFailure} and leaves the
 * session usable; anything else (a broken connection, a timeout, a reply out of place, a refusal
 * before any message) throws and leaves the session to be closed.
 */
final class SmtpSession implements Closeable {

    private static final Map<Stage, String> STEPS = Map.of(
            Stage.SENDER, "MAIL FROM", Stage.RECIPIENT, "RCPT TO", Stage.DATA, "the message");

    private final SmtpWire wire;
    private final String clientName;
    private RelayOffer offer = RelayOffer.NOTHING;
    /** The message whose data is written but not yet ended, or null. */
    private InFlight inFlight;

    private SmtpSession(SmtpWire wire, String clientName) {
        this.wire = wire;
        this.clientName = clientName;
    }

    /**
     * Connects, greets, secures and logs in as the configuration says; refusals are transient failures.
     * Credentials never go over a plain connection unless the operator allows it: with a login to give,
     * STARTTLS is used wherever the relay offers it, whatever {@code SMTP_SECURITY} says.
     */
    static SmtpSession open(MailConfig config, RelayTls tls, WriteDeadlines deadlines) throws IOException, SendFailure {
        SmtpWire wire = SmtpWire.connect(config, deadlines);
        SmtpSession session = new SmtpSession(wire, ClientName.of(config.heloName(), wire.localAddress()));
        try {
            boolean secured = config.smtpSecurity() == MailConfig.SmtpSecurity.TLS;
            if (secured) {
                session.wire.secure(tls);
            }
            expect(session.wire.reply(), "the connection");
            session.greet();
            boolean required = config.smtpSecurity() == MailConfig.SmtpSecurity.STARTTLS;
            if (required && !session.offer.offers("STARTTLS")) {
                throw refused("the relay does not offer STARTTLS, which SMTP_SECURITY=starttls requires");
            }
            if (required || !secured && config.logsIn() && session.offer.offers("STARTTLS")) {
                expect(session.wire.command("STARTTLS"), "STARTTLS");
                session.upgrade(tls, required);
                secured = true;
                session.greet();
            }
            if (config.logsIn()) {
                if (!secured && !config.allowPlaintextAuth()) {
                    throw refused("the relay offers no STARTTLS, and Tidings does not send SMTP_USER's credentials"
                            + " over a plain connection: use SMTP_SECURITY=tls, or set SMTP_ALLOW_PLAINTEXT_AUTH=true"
                            + " where the network to the relay is trusted");
                }
                new SmtpLogin(session.wire, config).authenticate(session.offer.parameters("AUTH"));
            }
            return session;
        } catch (IOException | SendFailure | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** TLS after STARTTLS; where the operator did not ask for it, a failed handshake says what to set. */
    private void upgrade(RelayTls tls, boolean required) throws IOException {
        try {
            wire.secure(tls);
        } catch (SSLException e) {
            if (required) {
                throw e;
            }
            throw new SSLException("STARTTLS before the login failed (" + e.getMessage() + "); a relay with a"
                    + " self-signed certificate needs its host in SMTP_TLS_TRUST", e);
        }
    }

    /**
     * Sends one message to one recipient and returns the relay's reply to it. A refusal of the
     * sender is not the recipient's doing, so it is never permanent for the message. {@code handover}
     * runs before the end of the data; what it throws leaves the session mid-DATA, to be closed, which
     * is how SMTP abandons a message.
     */
    String send(String sender, String recipient, byte[] message, Runnable handover) throws IOException, SendFailure {
        String from = offer.mailFrom(sender, recipient, message);
        try {
            transaction(from, sender, recipient, message);
            handover.run();
            wire.line(".");
            SmtpReply accepted = wire.flushAndReadDelivered();
            requireAccepted(accepted, Stage.DATA, sender);
            return accepted.text();
        } catch (SendFailure refused) {
            throw reset(refused);
        }
    }

    /**
     * As {@link #send}, but where the relay offers PIPELINING the end of the data (and {@code handover}
     * before it) waits for the next message's commands, or {@link #finish}: the relay's reply to it is
     * read with theirs and goes to {@code receipt} then. What is known of the message before its data ends
     * is thrown here, as by {@link #send}; without PIPELINING the receipt hears the reply before this returns.
     */
    void pipeline(String sender, String recipient, byte[] message, Runnable handover, MailTransport.Receipt receipt)
            throws IOException, SendFailure {
        if (!offer.offers("PIPELINING")) {
            receipt.accepted(send(sender, recipient, message, handover));
            return;
        }
        String from = offer.mailFrom(sender, recipient, message);
        try {
            transaction(from, sender, recipient, message);
        } catch (SendFailure refused) {
            throw reset(refused);
        }
        inFlight = new InFlight(sender, handover, receipt);
    }

    /**
     * Ends the message in flight, if any, and tells its receipt the relay's reply. A refusal of it needs
     * no RSET: the reply to the end of the data closes the transaction either way (RFC 5321 section 4.1.1.4).
     */
    void finish() throws IOException {
        if (inFlight != null) {
            endInFlight();
            ended(wire.flushAndReadDelivered());
        }
    }

    /** Where a closed session leaves a message in flight, its receipt hears why: SMTP drops a message never ended. */
    void abandon(SendFailure why) {
        if (inFlight != null) {
            MailTransport.Receipt receipt = inFlight.receipt();
            inFlight = null;
            receipt.failed(why);
        }
    }

    /** The relay may still hold the sender or recipients it accepted; the next message starts clean. */
    private SendFailure reset(SendFailure refused) throws IOException {
        if (wire.command("RSET").code() != 250) {
            throw new IOException("the relay refused RSET after: " + refused.getMessage());
        }
        return refused;
    }

    /**
     * MAIL, RCPT and DATA (pipelined after the end of the message in flight, where there is one), then
     * the message's data, all but its end.
     */
    private void transaction(String from, String sender, String recipient, byte[] message) throws IOException, SendFailure {
        String to = "RCPT TO:<" + recipient + ">";
        SmtpReply mail;
        SmtpReply rcpt;
        SmtpReply data;
        if (offer.offers("PIPELINING")) {
            if (inFlight != null) {
                endInFlight();
            }
            wire.line(from);
            wire.line(to);
            wire.line("DATA");
            mail = firstReply();
            rcpt = wire.reply();
            data = wire.reply();
        } else {
            wire.line(from);
            mail = firstReply();
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
    }

    /**
     * Sends what is written and reads the reply to MAIL FROM, after the one to the end of the message in
     * flight: a connection lost before it has taken nothing of this message.
     */
    private SmtpReply firstReply() throws IOException {
        try {
            if (inFlight == null) {
                return wire.flushAndRead();
            }
            ended(wire.flushAndReadDelivered());
            return wire.reply();
        } catch (RelayClosing busy) {
            throw busy;
        } catch (IOException e) {
            throw new NothingSent(e);
        }
    }

    /** The message in flight is handed over for good: its record is committed before its data ends. */
    private void endInFlight() throws IOException {
        inFlight.handover().run();
        wire.line(".");
    }

    /** Tells the message in flight the relay's reply to the end of its data; a reply out of place loses the session. */
    private void ended(SmtpReply reply) throws IOException {
        InFlight ended = inFlight;
        SendFailure refused = null;
        try {
            requireAccepted(reply, Stage.DATA, ended.sender());
        } catch (SendFailure failure) {
            refused = failure;
        }
        inFlight = null;
        if (refused == null) {
            ended.receipt().accepted(reply.text());
        } else {
            ended.receipt().failed(refused);
        }
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

    /** EHLO, or HELO (and no extensions) where the relay refuses EHLO as a command it does not know. */
    private void greet() throws IOException, SendFailure {
        SmtpReply reply = wire.command("EHLO " + clientName);
        if (reply.permanent()) {
            reply = wire.command("HELO " + clientName);
            expect(reply, "HELO");
            offer = RelayOffer.NOTHING;
            return;
        }
        expect(reply, "EHLO");
        offer = RelayOffer.of(reply.extensions());
    }

    /** Before any message, a refusal is about the relay or our settings: transient for every message. */
    static void expect(SmtpReply reply, String step) throws SendFailure {
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

    static SendFailure refused(String why) {
        return new SendFailure(false, -1, why, null);
    }

    private record InFlight(String sender, Runnable handover, MailTransport.Receipt receipt) {
    }
}
