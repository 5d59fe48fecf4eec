package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Json;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One worker sending a claim over one pipelining connection to a real Postfix, where each message's
 * outcome is heard while the next one goes: a refusal of a message's recipient comes in the same
 * read as the acceptance of the message before it, and each is recorded as its own.
 * ({@link io.tidings.mail} has the wire's side: PipelinedSendingTest.)
 */
@ExtendWith(PostfixCondition.class)
@MicronautTest(transactional = false)
class PipelinedDeliveryTest extends ServiceTest {

    private final int relayPort = freePort();
    private final FaultySmtp nextHop = new FaultySmtp(freePort());

    @Override
    protected Map<String, String> extraProperties() {
        nextHop.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relayPort),
                "tidings.mail.from", "digest@tidings.test",
                "tidings.delivery.workers", "1",
                "tidings.delivery.batch-size", "50");
    }

    @AfterAll
    void stopNextHop() {
        nextHop.stop();
    }

    @Test
    void a_refused_message_between_accepted_ones_is_recorded_failed_and_they_sent() throws Exception {
        Path access = Files.createTempFile("tidings-access", ".map", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        Files.writeString(access, "refused@example.com REJECT no such reader\n");
        given.clear();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        given.readers("before", 2);
        given.reader("refused@example.com", null, "WEEKLY", "CONFIRMED");
        given.readers("after", 2);
        try (Postfix postfix = Postfix.on(relayPort).relayingTo(nextHop.port())
                .set("smtpd_recipient_restrictions", "check_recipient_access texthash:" + access).start()) {
            HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            long edition = ((Number) Json.object(Json.object(response.body()), "edition").get("id")).longValue();

            await().atMost(Duration.ofSeconds(30)).until(() -> rows(edition, "SENT") == 4 && rows(edition, "FAILED") == 1);
            assertThat(sql.text("SELECT last_error FROM outbox WHERE recipient = 'refused@example.com'"))
                    .contains("554 5.7.1", "no such reader");
            assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE edition_id = ? AND status = 'SENT'"
                    + " AND recipient <> 'refused@example.com'", edition)).isEqualTo(4);
            await().atMost(Duration.ofSeconds(30)).until(() -> nextHop.total() == 4);
            assertThat(nextHop.receivedByRecipient()).containsOnlyKeys(
                    "before1@example.com", "before2@example.com", "after1@example.com", "after2@example.com")
                    .allSatisfy((recipient, count) -> assertThat(count).isEqualTo(1));
        } finally {
            Files.deleteIfExists(access);
        }
    }

    private long rows(long edition, String status) {
        return sql.count("SELECT COUNT(*) FROM outbox WHERE edition_id = ? AND status = ?", edition, status);
    }
}
