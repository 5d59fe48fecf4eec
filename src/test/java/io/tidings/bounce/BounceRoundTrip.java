package io.tidings.bounce;

import io.tidings.support.FaultySmtp;
import io.tidings.support.MailboxServer;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way back with real mail software on loopback, whatever the relay: the service sends a digest
 * through the relay (a real MTA) with a VERP return path; the relay passes it to a next hop that refuses
 * some readers, writes the DSNs itself and delivers them to the bounce domain's mail server (GreenMail),
 * whose mailbox the service reads over IMAP.
 */
abstract class BounceRoundTrip extends ServiceTest {

    protected final FaultySmtp nextHop;
    protected final MailboxServer mailbox = new MailboxServer();

    @Inject
    BounceMailbox poller;

    /** @param refusals what the next hop answers each reader's RCPT (null accepts) */
    BounceRoundTrip(FaultySmtp.Answer refusals) {
        nextHop = new FaultySmtp(freePort()).answering(refusals);
    }

    /** Starts the relay, passing the bounce domain's mail to the mailbox's SMTP port and all else to the next hop; its port. */
    protected abstract int startRelay();

    protected abstract void stopRelay();

    @Override
    protected Map<String, String> extraProperties() {
        nextHop.start();
        mailbox.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(startRelay()),
                "tidings.bounces.address", MailboxServer.ADDRESS,
                "tidings.bounce-mailbox.url", mailbox.url("imap"),
                "tidings.bounce-mailbox.poll", "1h");
    }

    @AfterAll
    void stopMailServers() {
        stopRelay();
        mailbox.close();
        nextHop.close();
    }

    /**
     * Puts a reader's reply (not a bounce) in the mailbox, then sends a weekly edition of one article to
     * these confirmed readers; their ids, in order.
     */
    protected List<Long> editionTo(String... readers) throws Exception {
        given.clear();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        List<Long> ids = Arrays.stream(readers).map(reader -> given.reader(reader, null, "WEEKLY", "CONFIRMED")).toList();
        mailbox.deliver(humanReply());
        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);
        return ids;
    }

    /** The reply is in the mailbox still, exactly as it was: not even marked read. */
    protected void assertOnlyTheReplyIsLeft() {
        assertThat(mailbox.inbox()).singleElement().satisfies(left -> {
            assertThat(left.subject()).isEqualTo("Re: your newsletter");
            assertThat(left.seen()).as("left exactly as it was: not even marked read").isFalse();
        });
    }

    protected String status(long subscriber) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", subscriber);
    }

    /** A reader's answer to the newsletter, as any mail client writes one: not a bounce. */
    static byte[] humanReply() throws Exception {
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress("reader@example.org"));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(MailboxServer.ADDRESS));
        reply.setSubject("Re: your newsletter");
        reply.setText("Thank you, the article on sleep helped a lot.");
        reply.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        reply.writeTo(raw);
        return raw.toByteArray();
    }
}
