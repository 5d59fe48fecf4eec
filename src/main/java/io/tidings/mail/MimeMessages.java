package io.tidings.mail;

import jakarta.activation.DataHandler;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/** Builds the RFC 5322 message for an {@link Email}: multipart/alternative, text first, then HTML. */
@Singleton
public class MimeMessages {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader on every body part it writes
        // (jakartaee/mail-api#861), a classpath scan that cost two thirds of building a digest. Named here,
        // the lookup is a plain class load.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    private final Session session = Session.getInstance(new Properties());
    private final InternetAddress from;
    private final Clock clock;
    /**
     * The last Date header and Subject written, reused while they stay the same: formatting a date
     * takes a lock shared by every sender, and an edition's subject is encoded once, not per reader.
     */
    private volatile Formatted date = new Formatted("", "");
    private volatile Formatted subject = new Formatted("", "");

    private record Formatted(String value, String header) {
    }

    MimeMessages(MailConfig config, Clock clock) throws UnsupportedEncodingException {
        this.from = new InternetAddress(config.from(), config.fromName(), UTF_8);
        this.clock = clock;
    }

    public MimeMessage build(Email email) throws MessagingException {
        MimeMessage message = new FixedIdMimeMessage(session, email.messageId());
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, recipient(email));
        message.setHeader("Subject", subject(singleLine("Subject", email.subject())));
        message.setHeader("Date", date(clock.instant()));
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            message.setHeader(header.getKey(), singleLine(header.getKey(), header.getValue()));
        }
        message.setContent(new MimeMultipart("alternative", body(email.text(), "text/plain"), body(email.html(), "text/html")));
        message.saveChanges();
        return message;
    }

    private String subject(String text) throws MessagingException {
        Formatted last = subject;
        if (!last.value().equals(text)) {
            try {
                last = new Formatted(text, MimeUtility.fold(9, MimeUtility.encodeText(text, UTF_8, null)));
            } catch (UnsupportedEncodingException e) {
                throw new MessagingException("UTF-8 is always supported", e);
            }
            subject = last;
        }
        return last.header();
    }

    private String date(Instant now) {
        String second = Long.toString(now.getEpochSecond());
        Formatted last = date;
        if (!last.value().equals(second)) {
            last = new Formatted(second, new MailDateFormat().format(Date.from(now)));
            date = last;
        }
        return last.header();
    }

    /** A body part already encoded quoted-printable, so Jakarta Mail writes its bytes as they are. */
    private static MimeBodyPart body(String content, String type) throws MessagingException {
        MimeBodyPart part = new PreencodedMimeBodyPart("quoted-printable");
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(QuotedPrintable.encode(content), type + "; charset=UTF-8")));
        // Named up front, so that saving the message does not scan the body to choose an encoding.
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
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
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
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
