package io.tidings.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class HistoryRetentionTest extends ServiceTest {

    @Inject
    HistoryRetention retention;
    @Inject
    DeliveryCounts counts;

    @BeforeEach
    void freshSlot() throws Exception {
        given.clear();
        smtp.purgeEmailFromAllMailboxes();
        // Each test gets a schedule slot of its own.
        clock.advance(Duration.ofDays(8));
    }

    @Test
    void history_older_than_the_retention_folds_and_every_figure_stays_the_same() {
        String preferences = confirmedReader("kept@example.com");
        long reader = sql.count("SELECT id FROM subscriber WHERE email_key = 'kept@example.com'");
        given.readers("old", 4);
        given.article("Old news", clock.instant().minus(Duration.ofHours(1)), "baby");
        long old = edition();
        Map<String, Object> oldShown = progress(old);
        Map<String, Object> statsBefore = deliveries();
        long oldDigest = sql.count("SELECT id FROM outbox WHERE edition_id = ? AND subscriber_id = ?", old, reader);
        bounce(reader, oldDigest, "soft");
        bounce(reader, oldDigest, "complaint");

        clock.advance(Duration.ofDays(91));
        given.article("New news", clock.instant().minus(Duration.ofHours(1)), "baby");
        long recent = edition();
        retention.fold();
        counts.fold();

        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE edition_id = ?", old)).as("the old edition's rows").isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE kind = 'CONFIRMATION'")).as("the old confirmation").isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE edition_id = ?", recent)).isEqualTo(5);
        assertThat(Json.object(progress(old), "delivery")).isEqualTo(Json.object(oldShown, "delivery"))
                .containsEntry("sent", 5);
        assertThat(progress(old).get("state")).isEqualTo("complete");
        assertThat(Json.object(progress(recent), "delivery")).containsEntry("sent", 5).containsEntry("pending", 0);
        Map<String, Object> expected = new HashMap<>(Json.object(statsBefore, "byState"));
        expected.put("sent", (Integer) expected.get("sent") + 5);
        assertThat(Json.object(deliveries(), "byState")).isEqualTo(expected);
        assertThat(sql.count("SELECT COUNT(*) FROM reader_delivery WHERE subscriber_id = ? AND last_sent_at IS NOT NULL", reader))
                .as("the reader keeps when they were last sent mail").isEqualTo(1);

        Map<String, Object> export = Json.object(act(preferences, "export").body());
        assertThat(Json.list(export, "deliveries")).as("only the mail still held")
                .extracting(d -> d.get("kind"), d -> ((Number) d.get("editionId")).longValue())
                .containsExactly(tuple("digest", recent));
        Map<String, Object> older = Json.object(export, "olderDeliveries");
        assertThat(older.get("note")).asString().contains("not kept");
        assertThat(older).containsEntry("keptDays", 90).containsKey("lastSentAt");
        assertThat(older.get("lastSentAt")).isNotNull();
        assertThat(Json.list(export, "bounces")).extracting(b -> b.get("type")).containsExactlyInAnyOrder("soft", "complaint");
    }

    @Test
    void an_edition_within_the_retention_keeps_its_rows() {
        given.readers("young", 3);
        given.article("Young news", clock.instant().minus(Duration.ofHours(1)), "baby");
        long young = edition();

        clock.advance(Duration.ofDays(89));
        retention.fold();

        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE edition_id = ?", young)).isEqualTo(3);
        assertThat(sql.count("""
                SELECT COUNT(*) FROM reader_delivery r JOIN subscriber s ON s.id = r.subscriber_id
                WHERE s.email_key LIKE 'young%'""")).isZero();
    }

    @Test
    void the_counts_follow_every_change_of_the_outbox_and_folding_their_deltas_changes_no_figure() {
        given.readers("counted", 6);
        given.article("Counted news", clock.instant().minus(Duration.ofHours(1)), "baby");
        edition();
        // An erased reader's rows go (their address is in them); a queued row suppressed; a row added by hand.
        long erased = sql.count("SELECT id FROM subscriber WHERE email_key = 'counted1@example.com'");
        sql.update("DELETE FROM outbox WHERE subscriber_id = ?", erased);
        sql.update("UPDATE outbox SET status = 'FAILED' WHERE id = (SELECT MIN(id) FROM outbox WHERE status = 'SENT')");

        assertThat(counted()).isEqualTo(held()).containsEntry("SENT", 4L).containsEntry("FAILED", 1L);
        counts.fold();
        assertThat(counted()).isEqualTo(held());
        assertThat(sql.count("""
                SELECT COUNT(*) FROM (SELECT edition_id FROM delivery_count GROUP BY edition_id, kind, status, held
                HAVING COUNT(*) > 1) scattered""")).as("one row per count after folding").isZero();
    }

    private Map<String, Long> held() {
        return byStatus("SELECT COUNT(*) FROM outbox WHERE status = ?");
    }

    private Map<String, Long> counted() {
        return byStatus("SELECT COALESCE(SUM(n), 0) FROM delivery_count WHERE status = ?");
    }

    /** The states the query counts any of, with their counts. */
    private Map<String, Long> byStatus(String query) {
        Map<String, Long> byStatus = new HashMap<>();
        for (MessageStatus status : MessageStatus.values()) {
            long n = sql.count(query, status.name());
            if (n != 0) {
                byStatus.put(status.name(), n);
            }
        }
        return byStatus;
    }

    /** Queues a weekly edition and waits until it is complete; returns its id. */
    private long edition() {
        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        long id = ((Number) Json.object(Json.object(response.body()), "edition").get("id")).longValue();
        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(progress(id).get("state")));
        return id;
    }

    private Map<String, Object> progress(long edition) {
        return Json.object(http.get("/admin/editions/" + edition, asAdmin()).body());
    }

    private Map<String, Object> deliveries() {
        return Json.object(Json.object(http.get("/admin/stats", asAdmin()).body()), "deliveries");
    }

    private void bounce(long reader, long message, String type) {
        sql.update("INSERT INTO bounce (subscriber_id, message_id, recipient, type, source, received_at) VALUES (?, ?, 'kept@example.com', ?, 'mailbox', ?)",
                reader, message, type, Timestamp.from(clock.instant()));
    }

    /** Subscribes and confirms a weekly reader of every topic; returns their preferences path. */
    private String confirmedReader(String email) {
        http.postJson("/api/subscriptions", "{\"email\":\"" + email + "\",\"frequency\":\"weekly\",\"consent\":true}");
        String token = Mails.queryToken(Mails.linkPath(awaitMessagesTo(email, 1).get(0), "/confirm?token="));
        String confirmed = http.postForm("/confirm", Map.of("token", token)).body();
        return "/preferences?token=" + confirmed.replaceAll("(?s).*href=\"/unsubscribe\\?token=([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> act(String path, String action) {
        return http.postForm(path, Map.of("action", action), "Accept", "text/html");
    }
}
