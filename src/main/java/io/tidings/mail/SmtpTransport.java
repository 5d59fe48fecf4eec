package io.tidings.mail;

import jakarta.mail.MessagingException;

import java.io.IOException;
import java.time.Clock;

/** Sends over a relay with {@link SmtpSession}, one kept-open connection per worker. */
final class SmtpTransport implements MailTransport {

    private final MailConfig config;
    private final MimeMessages messages;
    private final RelayTls tls;
    private final RelayBreaker breaker;

    SmtpTransport(MailConfig config, MimeMessages messages, RelayBackOffConfig backOff, Clock clock) {
        this.config = config;
        this.messages = messages;
        this.tls = new RelayTls(config);
        this.breaker = new RelayBreaker(backOff, clock);
    }

    @Override
    public MailConnection open() {
        return new Connection();
    }

    @Override
    public boolean backingOff() {
        return breaker.backingOff();
    }

    /** The health check's own connection, outside the breaker: it reports what the relay says now. */
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
     * connection as it is, unless it is the {@link #REFUSALS_PER_SESSION}th in a row: the next message
     * gets a fresh one. A busy connection is trusted as it is; one idle for a while is checked with a
     * NOOP first (the relay may have closed it), which would otherwise cost a round trip per message.
     * A session is closed only once its last message has ended, or abandoned.
     */
    private final class Connection implements MailConnection {

        private static final long IDLE_NANOS = 5_000_000_000L;
        /**
         * Refusals in a row after which the next message gets a fresh session. Postfix counts each refused
         * RCPT, and the DATA pipelined after it, as a client error: past {@code smtpd_soft_error_limit} (10)
         * without a delivery it answers every command a second late, past {@code smtpd_hard_error_limit} (20)
         * it hangs up. A run of greylisted readers would otherwise slow the rest of a worker's claim to a crawl.
         */
        private static final int REFUSALS_PER_SESSION = 4;
        private SmtpSession session;
        private int sentOnThis;
        private int refusedInRow;
        private long lastUsed;

        @Override
        public void send(Email email, Runnable handover, Receipt receipt) throws SendFailure {
            byte[] message;
            try {
                message = messages.render(email);
            } catch (MessagingException e) {
                throw new SendFailure(true, -1, "cannot build message: " + e.getMessage(), e);
            }
            String sender = email.returnPath() == null ? config.from() : email.returnPath();
            Receipt counted = counted(receipt);
            SmtpSession connected = connected();
            sentOnThis++;
            try {
                try {
                    connected.pipeline(sender, email.recipient(), message, handover, counted);
                } catch (NothingSent gone) {
                    if (sentOnThis == 1) {
                        throw gone;
                    }
                    // A kept-open connection the relay dropped meanwhile: nothing of this message went, so a
                    // fresh one, uncharged. A message whose end went before it had no answer: lost, as ever.
                    close(lost(gone));
                    connected = connected();
                    sentOnThis++;
                    connected.pipeline(sender, email.recipient(), message, handover, counted);
                }
            } catch (SendFailure refused) {
                refusedInRow++;
                throw refused;
            } catch (IOException e) {
                throw dropped(e);
            } catch (RuntimeException e) {
                // Mid-DATA, where only hanging up abandons the message.
                close(lost(new IOException("abandoned: " + e)));
                throw e;
            }
        }

        @Override
        public void finish() {
            if (session != null) {
                try {
                    session.finish();
                } catch (IOException e) {
                    dropped(e);
                } catch (RuntimeException e) {
                    close(lost(new IOException("abandoned: " + e)));
                    throw e;
                }
            }
        }

        /** A lost connection: the session is closed, and the failure told to a message in flight as well. */
        private SendFailure dropped(IOException e) {
            SendFailure failure = e instanceof RelayClosing busy ? breaker.closing(busy) : lost(e);
            close(failure);
            return failure;
        }

        /** A message's receipt, which also keeps the count of refusals in a row. */
        private Receipt counted(Receipt receipt) {
            return new Receipt() {
                @Override
                public void accepted(String reply) {
                    refusedInRow = 0;
                    receipt.accepted(reply);
                }

                @Override
                public void failed(SendFailure failure) {
                    refusedInRow++;
                    receipt.failed(failure);
                }
            };
        }

        private SmtpSession connected() throws SendFailure {
            long now = System.nanoTime();
            boolean idle = now - lastUsed > IDLE_NANOS;
            if (session != null && (idle || worn())) {
                finish();
                if (session != null && (worn() || !session.alive())) {
                    close();
                }
            }
            lastUsed = now;
            if (session == null) {
                sentOnThis = 0;
                refusedInRow = 0;
                try {
                    session = breaker.open(() -> SmtpSession.open(config, tls, WriteDeadlines.shared()));
                } catch (IOException e) {
                    throw lost(e);
                }
            }
            return session;
        }

        /** Done with: as many messages as a connection takes, or as many refusals in a row as the relay should see. */
        private boolean worn() {
            return sentOnThis >= config.messagesPerConnection() || refusedInRow >= REFUSALS_PER_SESSION;
        }

        @Override
        public boolean isOpen() {
            return session != null;
        }

        @Override
        public void connect() throws SendFailure {
            connected();
        }

        @Override
        public void close() {
            if (session != null) {
                close(lost(new IOException("the connection was closed before the end of the message")));
            }
        }

        private void close(SendFailure why) {
            if (session != null) {
                SmtpSession closed = session;
                session = null;
                closed.close();
                closed.abandon(why);
            }
        }
    }
}
