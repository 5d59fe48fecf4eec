package io.tidings.mail;

import jakarta.mail.MessagingException;

import java.io.IOException;

/** Sends over a relay with {@link SmtpSession}, one kept-open connection per worker. */
final class SmtpTransport implements MailTransport {

    private final MailConfig config;
    private final MimeMessages messages;
    private final RelayTls tls;

    SmtpTransport(MailConfig config, MimeMessages messages) {
        this.config = config;
        this.messages = messages;
        this.tls = new RelayTls(config);
    }

    @Override
    public MailConnection open() {
        return new Connection();
    }

    @Override
    public String check() throws SendFailure {
        try (SmtpSession probe = connect()) {
            return config.smtpHost() + ":" + config.port();
        }
    }

    private SmtpSession connect() throws SendFailure {
        try {
            return SmtpSession.open(config, tls, WriteDeadlines.shared());
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** A timeout or a lost connection: worth another try. */
    private static SendFailure lost(IOException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SendFailure(false, -1, text, e);
    }

    /**
     * Connects lazily, and again after a lost connection (a 421, a timeout, a dropped socket) and
     * after {@code messagesPerConnection} messages. A relay's refusal of one message leaves the
     * connection as it is. A busy connection is trusted as it is; one idle for a while is checked
     * with a NOOP first (the relay may have closed it), which would otherwise cost a round trip per message.
     */
    private final class Connection implements MailConnection {

        private static final long IDLE_NANOS = 5_000_000_000L;
        private SmtpSession session;
        private int sentOnThis;
        private long lastUsed;

        @Override
        public String send(Email email, Runnable handover) throws SendFailure {
            byte[] message;
            try {
                message = messages.render(email);
            } catch (MessagingException e) {
                throw new SendFailure(true, -1, "cannot build message: " + e.getMessage(), e);
            }
            SmtpSession connected = connected();
            sentOnThis++;
            try {
                String sender = email.returnPath() == null ? config.from() : email.returnPath();
                return connected.send(sender, email.recipient(), message, handover);
            } catch (IOException e) {
                close();
                throw lost(e);
            } catch (RuntimeException e) {
                // Mid-DATA, where only hanging up abandons the message.
                close();
                throw e;
            }
        }

        private SmtpSession connected() throws SendFailure {
            long now = System.nanoTime();
            if (session != null && (sentOnThis >= config.messagesPerConnection()
                    || now - lastUsed > IDLE_NANOS && !session.alive())) {
                close();
            }
            lastUsed = now;
            if (session == null) {
                sentOnThis = 0;
                session = connect();
            }
            return session;
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
