package io.tidings.bounce;

import io.tidings.core.TestClock;
import io.tidings.support.EditionFixtures;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Http;
import io.tidings.support.Sql;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An edition sent through a relay (SubEthaSMTP) that refuses some readers during SMTP, as a receiving
 * server does: {@code goneN@} with 550 5.1.1 (no such user, hard) and {@code blockedN@} with 550 5.7.1
 * naming the sender's DMARC policy (blocked); everybody else is accepted.
 */
final class RefusedEdition {

    static FaultySmtp relay(int port) {
        return new FaultySmtp(port).answering((recipient, attempt) -> recipient.startsWith("gone")
                ? new FaultySmtp.Reply(550, "5.1.1 <" + recipient + ">: Recipient address rejected: User unknown")
                : recipient.startsWith("blocked")
                ? new FaultySmtp.Reply(550, "5.7.1 Message rejected due to the sender's DMARC policy")
                : null);
    }

    private RefusedEdition() {
    }

    /** Sends a weekly edition to the weekly readers and waits until each digest was taken or refused; its id. */
    static long send(Http http, Sql sql, EditionFixtures given, TestClock clock, String[] asAdmin) {
        clock.advance(Duration.ofDays(8));
        given.article("News " + clock.instant(), clock.instant().minus(Duration.ofHours(1)));
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long edition = sql.count("SELECT MAX(id) FROM edition");
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "SELECT COUNT(*) FROM outbox WHERE edition_id = ? AND status NOT IN ('SENT', 'FAILED')", edition) == 0);
        return edition;
    }
}
