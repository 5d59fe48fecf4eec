package io.tidings.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.util.Properties;

/** Sends over a relay with Jakarta Mail, one kept-open connection per worker. */
final class SmtpTransport implements MailTransport {

    private final MailConfig config;
    private final MimeMessages messages;
    private final Session session;

    SmtpTransport(MailConfig config, MimeMessages messages) {
        this.config = config;
        this.messages = messages;
        this.session = Session.getInstance(properties(config));
    }

    private static Properties properties(MailConfig config) {
        Properties props = new Properties();
        props.put("mail.smtp.connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", Long.toString(config.readTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(config.writeTimeout().toMillis()));
        props.put("mail.smtp.executor.writetimeout", WriteDeadlines.shared());
        props.put("mail.smtp.auth", Boolean.toString(!config.smtpUser().isBlank()));
        switch (config.smtpSecurity()) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> props.put("mail.smtp.ssl.enable", "true");
            case NONE -> { }
        }
        if (config.smtpTlsTrust().isBlank()) {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
        } else {
            // The operator vouches for these hosts' certificates, which need not name them.
            props.put("mail.smtp.ssl.trust", config.smtpTlsTrust());
            props.put("mail.smtp.ssl.checkserveridentity", "false");
        }
        return props;
    }

    @Override
    public MailConnection open() {
        return new Connection();
    }

    @Override
    public String check() throws SendFailure {
        Connection probe = new Connection();
        try {
            probe.connected();
            return config.smtpHost() + ":" + config.port();
        } catch (MessagingException e) {
            throw classify(e);
        } finally {
            probe.close();
        }
    }

    /**
     * Connects lazily, and again after any failure (the session's state is then unknown: a 421, a
     * timeout, a dropped socket) and after {@code messagesPerConnection} messages. A busy connection
     * is trusted as it is; one idle for a while is checked with a NOOP first (the relay may have
     * closed it), which would otherwise cost a round trip per message.
     */
    private final class Connection implements MailConnection {

        private static final long IDLE_NANOS = 5_000_000_000L;
        private SMTPTransport transport;
        private int sentOnThis;
        private long lastUsed;

        @Override
        public String send(Email email) throws SendFailure {
            MimeMessage message;
            try {
                message = messages.build(email);
            } catch (MessagingException e) {
                throw new SendFailure(true, -1, "cannot build message: " + e.getMessage(), e);
            }
            try {
                SMTPTransport connected = connected();
                sentOnThis++;
                connected.sendMessage(message, message.getAllRecipients());
                return connected.getLastServerResponse();
            } catch (MessagingException e) {
                close();
                throw classify(e);
            }
        }

        private SMTPTransport connected() throws MessagingException {
            long now = System.nanoTime();
            if (transport != null && (sentOnThis >= config.messagesPerConnection()
                    || now - lastUsed > IDLE_NANOS && !transport.isConnected())) {
                close();
            }
            lastUsed = now;
            if (transport == null) {
                sentOnThis = 0;
                Transport opened = session.getTransport("smtp");
                String user = config.smtpUser().isBlank() ? null : config.smtpUser();
                String password = user == null ? null : config.smtpPassword();
                opened.connect(config.smtpHost(), config.port(), user, password);
                transport = (SMTPTransport) opened;
            }
            return transport;
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // The connection is being dropped either way.
                }
                transport = null;
            }
        }
    }

    /**
     * 5xx replies are permanent; 4xx replies, timeouts and lost connections are worth a retry. The
     * relay's own reply (nested under Jakarta Mail's "Invalid Addresses") is the one kept.
     */
    static SendFailure classify(MessagingException failure) {
        Exception current = failure;
        while (current != null) {
            if (current instanceof SMTPAddressFailedException address) {
                return replied(address.getReturnCode(), address, failure);
            }
            if (current instanceof SMTPSendFailedException send) {
                return replied(send.getReturnCode(), send, failure);
            }
            current = current instanceof MessagingException m ? m.getNextException() : null;
        }
        return replied(failure instanceof SendFailedException ? 550 : -1, failure, failure);
    }

    private static SendFailure replied(int code, Exception reply, MessagingException failure) {
        String text = reply.getMessage() == null ? reply.getClass().getSimpleName() : reply.getMessage().strip();
        return new SendFailure(code >= 500, code, text, failure);
    }
}
