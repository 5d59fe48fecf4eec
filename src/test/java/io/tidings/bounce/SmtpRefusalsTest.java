package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.FaultySmtp.Reply;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay's refusals during SMTP go through the bounce log like every later bounce, and only the reader's own count. */
@MicronautTest(transactional = false)
class SmtpRefusalsTest extends ServiceTest {

    private final FaultySmtp relay = new FaultySmtp(freePort());

    @Override
    protected Map<String, String> extraProperties() {
        relay.answering((recipient, attempt) -> switch (recipient) {
            case "large@example.com" -> new Reply(552, "5.3.4 Message size exceeds fixed maximum message size");
            case "dmarc@example.com" -> new Reply(550, "5.7.1 Unauthenticated email from news.tidings.test is not accepted due to domain's DMARC policy");
            case "gone@example.com" -> new Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
            default -> null;
        }).start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relay.port()));
    }

    @AfterAll
    void stopRelay() {
        relay.stop();
    }

    @Test
    void a_552_and_a_5_7_1_leave_the_reader_confirmed_and_are_listed_as_message_and_blocked() {
        given.clear();
        long large = given.reader("large@example.com", null, "WEEKLY", "CONFIRMED");
        long dmarc = given.reader("dmarc@example.com", null, "WEEKLY", "CONFIRMED");
        long gone = given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        clock.advance(Duration.ofDays(8));
        given.article("News", clock.instant().minus(Duration.ofHours(1)));

        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("SELECT COUNT(*) FROM bounce") == 3);

        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", large)).isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", dmarc)).isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", gone)).isEqualTo("BOUNCED");
        Map<String, Object> listed = Json.object(http.get("/admin/bounces", asAdmin()).body());
        assertThat(Json.list(listed, "items")).extracting(item -> item.get("recipient") + " " + item.get("type") + " "
                        + item.get("status") + " " + item.get("source"))
                .containsExactlyInAnyOrder("large@example.com message 5.3.4 smtp", "dmarc@example.com blocked 5.7.1 smtp",
                        "gone@example.com hard 5.1.1 smtp");
        assertThat(Json.list(listed, "items")).allSatisfy(item -> {
            assertThat(item.get("editionId")).isNotNull();
            assertThat(item.get("diagnostic").toString()).startsWith("55");
        });
    }
}
