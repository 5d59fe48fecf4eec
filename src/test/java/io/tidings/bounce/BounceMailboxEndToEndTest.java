package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

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
class BounceMailboxEndToEndTest extends BounceRoundTrip {

    private Postfix postfix;

    BounceMailboxEndToEndTest() {
        super((recipient, attempt) -> switch (recipient) {
            case "gone@example.com" -> new FaultySmtp.Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
            case "full@example.com" -> new FaultySmtp.Reply(552, "5.2.2 <full@example.com>: Mailbox full");
            case "picky@example.com" -> new FaultySmtp.Reply(550, "5.7.1 Message rejected: sender domain fails DMARC policy");
            default -> null;
        });
    }

    @Override
    protected int startRelay() {
        postfix = Postfix.on(freePort()).relayingTo(nextHop.port())
                // The bounce domain's mail goes to its own server, not to the next hop.
                .set("transport_maps", "inline:{ tidings.test=smtp:[127.0.0.1]:" + mailbox.smtpPort() + " }")
                .start();
        return postfix.port();
    }

    @Override
    protected void stopRelay() {
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void each_refused_reader_ends_in_the_state_its_bounce_calls_for_and_other_mail_stays_unread() throws Exception {
        List<Long> readers = editionTo("gone@example.com", "full@example.com", "picky@example.com", "fine@example.com");
        long gone = readers.get(0);
        long full = readers.get(1);
        long picky = readers.get(2);
        long fine = readers.get(3);

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
        assertOnlyTheReplyIsLeft();
    }
}
