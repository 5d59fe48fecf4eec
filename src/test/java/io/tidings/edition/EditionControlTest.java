package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pausing, resuming and cancelling an edition while it is being sent, at a limited rate. */
@MicronautTest(transactional = false)
class EditionControlTest extends ServiceTest {

    private static final int READERS = 300;
    private final FaultySmtp relay = new FaultySmtp(freePort());

    @Override
    protected Map<String, String> extraProperties() {
        relay.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relay.port()),
                "tidings.delivery.workers", "3",
                "tidings.delivery.batch-size", "10",
                "tidings.delivery.rate-per-second", "150");
    }

    @BeforeEach
    void setUp() {
        given.clear();
        relay.reset();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        given.readers("reader", READERS);
    }

    @AfterAll
    void stopRelay() {
        relay.stop();
    }

    private long sendEdition() {
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ((Number) Json.object(Json.object(response.body()), "edition").get("id")).longValue();
    }

    private Map<String, Object> command(long edition, String action) {
        HttpResponse<String> response = http.post("/admin/editions/" + edition + "/" + action, "application/json", "", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.object(response.body());
    }

    private long rows(long edition, String status) {
        return sql.count("SELECT COUNT(*) FROM outbox WHERE edition_id = ? AND status = ?", edition, status);
    }

    @Test
    void a_paused_edition_stops_at_once_and_resumes_where_it_stopped_without_resending() {
        long edition = sendEdition();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.total() >= 30);

        assertThat(command(edition, "pause")).containsEntry("state", "paused");

        // Claimed rows finish or go back: nothing stays in flight, and nothing more is sent.
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(edition, "SENDING") == 0);
        int sentWhenPaused = relay.total();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> relay.total() == sentWhenPaused);
        assertThat(sentWhenPaused).isLessThan(READERS);
        assertThat(rows(edition, "SENT")).isEqualTo(sentWhenPaused);
        assertThat(rows(edition, "PENDING")).isEqualTo(READERS - sentWhenPaused);

        assertThat(command(edition, "resume")).containsEntry("state", "sending");

        await().atMost(Duration.ofSeconds(20)).until(() -> relay.total() >= READERS);
        await().during(Duration.ofMillis(500)).until(() -> relay.total() == READERS);
        assertThat(relay.receivedByRecipient()).hasSize(READERS).allSatisfy((recipient, count) -> assertThat(count).isEqualTo(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(edition, "SENT") == READERS);
        assertThat(Json.object(http.get("/admin/editions/" + edition, asAdmin()).body())).containsEntry("state", "complete");
    }

    @Test
    void a_cancelled_edition_suppresses_what_is_left_and_cannot_be_resumed() {
        long edition = sendEdition();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.total() >= 30);

        assertThat(command(edition, "cancel")).containsEntry("state", "cancelled");

        await().atMost(Duration.ofSeconds(5)).until(() -> rows(edition, "SENDING") + rows(edition, "PENDING") == 0);
        int sent = relay.total();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> relay.total() == sent);
        assertThat(rows(edition, "SENT")).isEqualTo(sent);
        assertThat(rows(edition, "SUPPRESSED")).isEqualTo(READERS - sent).isPositive();
        assertThat(relay.receivedByRecipient().values()).allSatisfy(count -> assertThat(count).isEqualTo(1));

        HttpResponse<String> resume = http.post("/admin/editions/" + edition + "/resume", "application/json", "", asAdmin());
        assertThat(resume.statusCode()).isEqualTo(409);
        assertThat(resume.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(Json.object(http.get("/admin/editions/" + edition, asAdmin()).body())).containsEntry("state", "cancelled");
    }

    @Test
    void controlling_an_unknown_edition_is_a_404_problem() {
        HttpResponse<String> response = http.post("/admin/editions/999999/pause", "application/json", "", asAdmin());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }
}
