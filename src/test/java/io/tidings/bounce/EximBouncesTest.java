package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Exim;
import io.tidings.support.EximCondition;
import io.tidings.support.FaultySmtp;
import io.tidings.support.FaultySmtp.Reply;
import io.tidings.support.MailboxServer;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The way back through a real Exim 4 (Debian's): the service sends a digest to Exim with a VERP return
 * path. Exim relays to a next hop that refuses some readers, and writes its own bounce messages (RFC 3464
 * DSNs) to the VERP address, delivered to the bounce domain's mail server, which the service reads over
 * IMAP. Exim refuses two readers itself: one at a domain its routers cannot route, after accepting the
 * message (a DSN without a Diagnostic-Code), and, during SMTP, one at a domain it verifies (550 Unrouteable
 * address) and one its callout to the next hop finds unknown (550-Callout verification failed).
 */
@MicronautTest(transactional = false)
@ExtendWith(EximCondition.class)
class EximBouncesTest extends ServiceTest {

    private final FaultySmtp nextHop = new FaultySmtp(freePort()).answering((recipient, attempt) -> switch (recipient) {
        case "gone@example.com" -> new Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
        case "full@example.com" -> new Reply(552, "5.2.2 <full@example.com>: Mailbox full");
        case "picky@example.com" -> new Reply(550, "5.7.1 Message rejected: sender domain fails DMARC policy");
        case "ghost@checked.example" -> new Reply(550, "5.1.1 <ghost@checked.example>: Recipient address rejected: User unknown");
        default -> null;
    });
    private final MailboxServer mailbox = new MailboxServer();
    private Exim exim;

    @Inject
    BounceMailbox poller;

    @Override
    protected Map<String, String> extraProperties() {
        nextHop.start();
        mailbox.start();
        exim = Exim.on(freePort())
                .route("example.com", nextHop.port())
                .route("checked.example", nextHop.port())
                .route("tidings.test", mailbox.smtpPort())
                .verifying("nowhere.test")
                .verifying("checked.example")
                .start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(exim.port()),
                "tidings.bounces.address", MailboxServer.ADDRESS,
                "tidings.bounce-mailbox.url", mailbox.url("imap"),
                "tidings.bounce-mailbox.poll", "1h");
    }

    @AfterAll
    void stopMailServers() {
        if (exim != null) {
            exim.close();
        }
        mailbox.close();
        nextHop.close();
    }

    @Test
    void each_reader_exim_or_its_next_hop_refused_ends_in_the_state_the_refusal_calls_for() throws Exception {
        given.clear();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        long gone = given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        long full = given.reader("full@example.com", null, "WEEKLY", "CONFIRMED");
        long picky = given.reader("picky@example.com", null, "WEEKLY", "CONFIRMED");
        long stray = given.reader("stray@elsewhere.test", null, "WEEKLY", "CONFIRMED");
        long lost = given.reader("lost@nowhere.test", null, "WEEKLY", "CONFIRMED");
        long ghost = given.reader("ghost@checked.example", null, "WEEKLY", "CONFIRMED");
        long fine = given.reader("fine@example.com", null, "WEEKLY", "CONFIRMED");
        mailbox.deliver(BounceMailboxEndToEndTest.humanReply());

        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(mailbox.inbox()).hasSize(5);
            assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE source = 'smtp'")).isEqualTo(2);
        });
        assertThat(nextHop.received("fine@example.com")).isEqualTo(1);
        assertThat(mailbox.inbox()).extracting(MailboxServer.Held::subject).containsOnly(
                "Re: your newsletter", "Mail delivery failed: returning message to sender");
        assertThat(exim.log()).contains("** stray@elsewhere.test: Unrouteable address",
                "rejected RCPT <lost@nowhere.test>: Unrouteable address", "rejected RCPT <ghost@checked.example>");

        poller.poll();

        assertThat(status(gone)).as("550 5.1.1 from the next hop: the address does not exist").isEqualTo("BOUNCED");
        assertThat(bounceOf(gone)).isEqualTo("hard 5.1.1 mailbox");
        assertThat(status(full)).as("552 5.2.2: a full mailbox once is below the soft threshold").isEqualTo("CONFIRMED");
        assertThat(bounceOf(full)).isEqualTo("soft 5.2.2 mailbox");
        assertThat(status(picky)).as("5.7.1: the receiving side refused the sender, not the reader").isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT type || ' ' || status FROM bounce WHERE recipient = 'picky@example.com'")).isEqualTo("blocked 5.7.1");
        assertThat(status(stray)).as("Exim's router found no way to the domain").isEqualTo("BOUNCED");
        assertThat(bounceOf(stray)).isEqualTo("hard 5.0.0 mailbox");
        assertThat(sql.text("SELECT diagnostic FROM bounce WHERE subscriber_id = ?", stray)).isEqualTo("Unrouteable address");
        assertThat(status(lost)).as("550 Unrouteable address during SMTP").isEqualTo("BOUNCED");
        assertThat(sql.text("SELECT type || ' ' || source FROM bounce WHERE subscriber_id = ?", lost)).isEqualTo("hard smtp");
        assertThat(sql.text("SELECT diagnostic FROM bounce WHERE subscriber_id = ?", lost)).contains("Unrouteable address");
        assertThat(status(ghost)).as("Exim's callout: the next hop does not know the reader").isEqualTo("BOUNCED");
        assertThat(bounceOf(ghost)).isEqualTo("hard 5.1.1 smtp");
        assertThat(sql.text("SELECT diagnostic FROM bounce WHERE subscriber_id = ?", ghost)).contains("Callout verification failed");
        assertThat(status(fine)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE source = 'mailbox'")).isEqualTo(4);
        assertThat(mailbox.inbox()).singleElement().satisfies(left -> {
            assertThat(left.subject()).isEqualTo("Re: your newsletter");
            assertThat(left.seen()).as("left exactly as it was: not even marked read").isFalse();
        });
    }

    private String status(long subscriber) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", subscriber);
    }

    private String bounceOf(long subscriber) {
        return sql.text("SELECT type || ' ' || status || ' ' || source FROM bounce WHERE subscriber_id = ?", subscriber);
    }
}
