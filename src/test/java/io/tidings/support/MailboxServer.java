package io.tidings.support;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real mail server holding one mailbox, {@code bounces@tidings.test}, served over IMAP and POP3 by
 * GreenMail and reachable by SMTP on loopback: where the service's bounces land, and how a test looks
 * into that mailbox afterwards, as a mail client would. Its SMTP side is SubEthaSMTP, since GreenMail's
 * refuses the null sender ({@code MAIL FROM:<>}) that every DSN comes from; like a domain with
 * {@code recipient_delimiter = +}, it files {@code bounces+anything@tidings.test} in the one mailbox.
 */
public final class MailboxServer implements AutoCloseable {

    public static final String ADDRESS = "bounces@tidings.test";
    public static final String LOGIN = "bounces";
    public static final String PASSWORD = "s3cret/with:odd@chars";

    private static final Pattern OURS = Pattern.compile("bounces(\\+[^@]*)?@tidings\\.test", Pattern.CASE_INSENSITIVE);
    private final int smtpPort = ServiceTest.freePort();
    private final ServerSetup imap = new ServerSetup(ServiceTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
    private final ServerSetup pop3 = new ServerSetup(ServiceTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_POP3);
    private final GreenMail server = new GreenMail(new ServerSetup[] {imap, pop3});
    private GreenMailUser user;
    private SMTPServer smtp;

    public MailboxServer start() {
        server.start();
        user = server.setUser(ADDRESS, LOGIN, PASSWORD);
        try {
            smtp = new SMTPServer.Builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(smtpPort)
                    .messageHandlerFactory(context -> new Receiving()).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        smtp.start();
        return this;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** {@code imap} or {@code pop3}: the mailbox's URL as BOUNCE_MAILBOX_URL spells it, password %-encoded. */
    public String url(String protocol) {
        int port = "imap".equals(protocol) ? imap.getPort() : pop3.getPort();
        return protocol + "://" + LOGIN + ":" + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "@127.0.0.1:" + port + "/INBOX";
    }

    /** Puts one whole message (RFC 5322 bytes) into the mailbox as it is. */
    public void deliver(byte[] raw) {
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the mailbox holds now, read over IMAP without changing it. */
    public List<Held> inbox() {
        return folder("INBOX");
    }

    /** What a folder holds now ({@code []} when it does not exist), read over IMAP without changing it. */
    public List<Held> folder(String name) {
        Properties settings = new Properties();
        settings.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(settings).getStore("imap")) {
            store.connect("127.0.0.1", imap.getPort(), LOGIN, PASSWORD);
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            List<Held> held = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                held.add(new Held(message.getSubject(), message.getFlags()));
            }
            folder.close(false);
            return held;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties every folder. */
    public void clear() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (smtp != null) {
            smtp.stop();
        }
        server.stop();
    }

    /** One SMTP transaction: recipients other than the mailbox's are refused, as an MX refuses unknown users. */
    private final class Receiving implements MessageHandler {
        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (!OURS.matcher(recipient).matches()) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
            }
        }

        @Override
        public String data(InputStream data) throws IOException {
            deliver(data.readAllBytes());
            return null;
        }

        @Override
        public void done() {
        }
    }

    /** One message in the mailbox: its subject and flags. */
    public record Held(String subject, Flags flags) {
        public boolean seen() {
            return flags.contains(Flags.Flag.SEEN);
        }
    }
}
