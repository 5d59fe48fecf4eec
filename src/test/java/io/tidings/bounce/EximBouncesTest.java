package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Exim;
import io.tidings.support.EximCondition;
import io.tidings.support.FaultySmtp.Reply;
import io.tidings.support.MailboxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The way back through a real Exim 4 (Debian's): the service sends a digest to Exim with a VERP return
 * path. Exim relays to a next hop that refuses some readers, and writes its own bounce messages (RFC 3464
 * DSNs) to the VERP address, delivered to the bounce domain's mail server, which the service reads over
 * IMAP. Exim refuses three readers itself: one at a domain its routers cannot route, after accepting the
 * message (a DSN without a Diagnostic-Code), and, during SMTP, one at a domain it verifies (550 Unrouteable
 * address) and one its callout to the next hop finds unknown (550-Callout verification failed).
 */
@MicronautTest(transactional = false)
@ExtendWith(EximCondition.class)
class EximBouncesTest extends BounceRoundTrip {

    private Exim exim;

    EximBouncesTest() {
        super((recipient, attempt) -> switch (recipient) {
            case "gone@example.com" -> new Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
            case "full@example.com" -> new Reply(552, "5.2.2 <full@example.com>: Mailbox full");
            case "picky@example.com" -> new Reply(550, "5.7.1 Message rejected: sender domain fails DMARC policy");
            case "ghost@checked.example" -> new Reply(550, "5.1.1 <ghost@checked.example>: Recipient address rejected: User unknown");
            default -> null;
        });
    }

    @Override
    protected int startRelay() {
        exim = Exim.on(freePort())
                .route("example.com", nextHop.port())
                .route("checked.example", nextHop.port())
                .route("tidings.test", mailbox.smtpPort())
                .verifying("nowhere.test")
                .verifying("checked.example")
                .start();
        return exim.port();
    }

    @Override
    protected void stopRelay() {
        if (exim != null) {
            exim.close();
        }
    }

    @Test
    void each_reader_exim_or_its_next_hop_refused_ends_in_the_state_the_refusal_calls_for() throws Exception {
        List<Long> readers = editionTo("gone@example.com", "full@example.com", "picky@example.com", "stray@elsewhere.test",
                "lost@nowhere.test", "ghost@checked.example", "fine@example.com");
        long gone = readers.get(0);
        long full = readers.get(1);
        long picky = readers.get(2);
        long stray = readers.get(3);
        long lost = readers.get(4);
        long ghost = readers.get(5);

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
        assertThat(status(readers.get(6))).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE source = 'mailbox'")).isEqualTo(4);
        assertOnlyTheReplyIsLeft();
    }

    private String bounceOf(long subscriber) {
        return sql.text("SELECT type || ' ' || status || ' ' || source FROM bounce WHERE subscriber_id = ?", subscriber);
    }
}
