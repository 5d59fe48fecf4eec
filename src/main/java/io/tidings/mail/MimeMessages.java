package io.tidings.mail;

import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/** Builds the RFC 5322 message for an {@link Email}: multipart/alternative, text first, then HTML. */
@Singleton
public class MimeMessages {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private final Session session = Session.getInstance(new Properties());
    private final InternetAddress from;
    private final Clock clock;

    MimeMessages(MailConfig config, Clock clock) throws UnsupportedEncodingException {
        this.from = new InternetAddress(config.from(), config.fromName(), UTF_8);
        this.clock = clock;
    }

    public MimeMessage build(Email email) throws MessagingException {
        MimeMessage message = new FixedIdMimeMessage(session, email.messageId());
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, recipient(email));
        message.setSubject(singleLine("Subject", email.subject()), UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            message.setHeader(header.getKey(), singleLine(header.getKey(), header.getValue()));
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), UTF_8, "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    private static InternetAddress recipient(Email email) throws MessagingException {
        try {
            String name = email.recipientName() == null ? null : singleLine("To", email.recipientName());
            InternetAddress address = new InternetAddress(email.recipient(), name, UTF_8);
            address.validate();
            return address;
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }

    /** Header values come from templates and readers: a line break in one would forge headers. */
    private static String singleLine(String header, String value) throws MessagingException {
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new MessagingException(header + " must be a single line");
        }
        return value;
    }

    /** Keeps the Message-ID chosen when the row was queued, so a retry is the same message. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
