package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.MailboxServer;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way back with real mail software on loopback: the service sends a digest through a real
 * Postfix with a VERP return path; Postfix relays it to a next hop that refuses some readers, writes
 * the DSNs itself and delivers them to the bounce domain's mail server (GreenMail); the service reads
 * that mailbox over IMAP. Each refused reader ends in the state its refusal calls for, and the one
 * message there that is not a bounce is still there, unread.
 */
@MicronautTest(transactional = false)
@ExtendWith(PostfixCondition.class)
class BounceMailboxEndToEndTest extends ServiceTest {

    private final FaultySmtp nextHop = new FaultySmtp(freePort()).answering((recipient, attempt) -> switch (recipient) {
        case "gone@example.com" -> new FaultySmtp.Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
        case "full@example.com" -> new FaultySmtp.Reply(552, "5.2.2 <full@example.com>: Mailbox full");
        case "picky@example.com" -> new FaultySmtp.Reply(550, "5.7.1 Message rejected: sender domain fails DMARC policy");
        default -> null;
    });
    private final MailboxServer mailbox = new MailboxServer();
    private Postfix postfix;

    @Inject
    BounceMailbox poller;

    @Override
    protected Map<String, String> extraProperties() {
        nextHop.start();
        mailbox.start();
        postfix = Postfix.on(freePort()).relayingTo(nextHop.port())
                // The bounce domain's mail goes to its own server, not to the next hop.
                .set("transport_maps", "inline:{ tidings.test=smtp:[127.0.0.1]:" + mailbox.smtpPort() + " }")
                .start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(postfix.port()),
                "tidings.bounces.address", MailboxServer.ADDRESS,
                "tidings.bounce-mailbox.url", mailbox.url("imap"),
                "tidings.bounce-mailbox.poll", "1h");
    }

    @AfterAll
    void stopMailServers() {
        if (postfix != null) {
            postfix.close();
        }
        mailbox.close();
        nextHop.close();
    }

    @Test
    void each_refused_reader_ends_in_the_state_its_bounce_calls_for_and_other_mail_stays_unread() throws Exception {
        given.clear();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        long gone = given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        long full = given.reader("full@example.com", null, "WEEKLY", "CONFIRMED");
        long picky = given.reader("picky@example.com", null, "WEEKLY", "CONFIRMED");
        long fine = given.reader("fine@example.com", null, "WEEKLY", "CONFIRMED");
        mailbox.deliver(humanReply());

        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailbox.inbox()).hasSize(4));
        assertThat(nextHop.received("fine@example.com")).isEqualTo(1);
        assertThat(postfix.log()).contains("status=bounced");

        poller.poll();

        assertThat(status(gone)).as("550 5.1.1: the address does not exist").isEqualTo("BOUNCED");
        assertThat(status(full)).as("552 5.2.2: a full mailbox once is below the soft threshold").isEqualTo("CONFIRMED");
        assertThat(status(picky)).as("5.7.1: the receiving side refused the sender, not the reader").isEqualTo("CONFIRMED");
        assertThat(status(fine)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE source = 'mailbox'")).isEqualTo(3);
        assertThat(sql.text("SELECT type FROM bounce WHERE subscriber_id = ?", gone)).isEqualTo("hard");
        assertThat(sql.text("SELECT type FROM bounce WHERE subscriber_id = ?", full)).isEqualTo("soft");
        assertThat(sql.text("SELECT type FROM bounce WHERE recipient = 'picky@example.com'")).isEqualTo("blocked");
        assertThat(mailbox.inbox()).singleElement().satisfies(left -> {
            assertThat(left.subject()).isEqualTo("Re: your newsletter");
            assertThat(left.seen()).as("left exactly as it was: not even marked read").isFalse();
        });
    }

    private String status(long subscriber) {
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
