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
        String timeout = Long.toString(config.readTimeout().toMillis());
        props.put("mail.smtp.connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
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

    /** Connects lazily, and again after the relay dropped or closed the session (421). */
    private final class Connection implements MailConnection {

        private SMTPTransport transport;

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
                connected.sendMessage(message, message.getAllRecipients());
                return connected.getLastServerResponse();
            } catch (MessagingException e) {
                SendFailure failure = classify(e);
                if (failure.replyCode() < 0 || failure.replyCode() == 421) {
                    close();
                }
                throw failure;
            }
        }

        private SMTPTransport connected() throws MessagingException {
            if (transport == null || !transport.isConnected()) {
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

    /** 5xx replies are permanent; 4xx replies, timeouts and lost connections are worth a retry. */
    static SendFailure classify(MessagingException failure) {
        int code = replyCode(failure);
        String reply = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
        return new SendFailure(code >= 500, code, reply, failure);
    }

    private static int replyCode(MessagingException failure) {
        Exception current = failure;
        while (current != null) {
            if (current instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            current = current instanceof MessagingException m ? m.getNextException() : null;
        }
        return failure instanceof SendFailedException ? 550 : -1;
    }
}
