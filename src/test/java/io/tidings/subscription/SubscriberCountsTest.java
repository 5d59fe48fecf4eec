package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader figures of {@code GET /admin/stats} come from counts the triggers keep (migration V29):
 * after each kind of change to readers and their topics they are what a count over the tables says.
 */
@MicronautTest(transactional = false)
class SubscriberCountsTest extends ServiceTest {

    private static final String HEADER = "email,name,topics,frequency,consent_source,consented_at\n";

    @Inject
    SubscriberCounts counts;

    @Test
    void the_kept_counts_match_a_recount_after_every_kind_of_change() {
        given.clear();
        counts.fold();
        assertMatchesRecount("nobody");

        String ann = confirmedReader("ann@example.com", "[\"baby\",\"pregnancy\"]");
        confirmedReader("bob@example.com", "[]");
        http.postJson("/api/subscriptions", "{\"email\":\"cy@example.com\",\"topics\":[\"baby\"],\"consent\":true}");
        assertMatchesRecount("subscribed and confirmed");

        assertThat(http.post(ann.replace("/unsubscribe", "/preferences"), "application/x-www-form-urlencoded",
                "csrf=" + http.csrfToken() + "&action=save&topics=postpartum&frequency=daily").statusCode()).isEqualTo(200);
        String bob = sql.text("SELECT id FROM subscriber WHERE email_key = 'bob@example.com'");
        sql.update("INSERT INTO subscriber_topic (subscriber_id, topic) VALUES (?, 'baby'), (?, 'cooking')",
                Long.parseLong(bob), Long.parseLong(bob));
        assertMatchesRecount("topics changed, a reader's first topics added");
        sql.update("DELETE FROM subscriber_topic WHERE subscriber_id = ?", Long.parseLong(bob));
        assertMatchesRecount("a reader's every topic removed");

        assertThat(http.postForm(ann, Map.of()).statusCode()).isEqualTo(200);
        assertMatchesRecount("unsubscribed");

        assertThat(http.post("/admin/subscribers/import", "text/csv", HEADER
                + "dee@example.com,Dee,baby;pregnancy,daily,old tool,2025-03-02T10:00:00Z\n"
                + "eve@example.com,Eve,,weekly,old tool,2025-03-04T10:00:00Z\n"
                + "cy@example.com,Cy,,weekly,old tool,2025-03-04T10:00:00Z\n", asAdmin()).statusCode()).isEqualTo(200);
        assertMatchesRecount("imported, a pending reader among them");

        // As the bounce handling does: a hard bounce over the threshold, then the reader restored.
        Timestamp now = Timestamp.from(clock.instant());
        sql.update("UPDATE subscriber SET status = 'BOUNCED', hard_bounces = 1, last_bounce_at = ? WHERE email_key IN ('dee@example.com', 'eve@example.com')", now);
        assertMatchesRecount("bounced");
        sql.update("UPDATE subscriber SET status = 'CONFIRMED', hard_bounces = 0 WHERE email_key = 'eve@example.com'");
        assertMatchesRecount("restored");

        String dee = sql.text("SELECT id FROM subscriber WHERE email_key = 'dee@example.com'");
        assertThat(http.send("DELETE", "/admin/subscribers/" + dee, asAdmin()).statusCode()).isEqualTo(204);
        String cy = sql.text("SELECT id FROM subscriber WHERE email_key = 'cy@example.com'");
        assertThat(http.send("DELETE", "/admin/subscribers/" + cy, asAdmin()).statusCode()).isEqualTo(204);
        assertMatchesRecount("erased");

        given.readers("many", 30);
        sql.update("UPDATE subscriber SET confirmed_at = ? WHERE email_key LIKE 'many%'",
                Timestamp.from(clock.instant().minus(Duration.ofDays(3))));
        sql.update("DELETE FROM subscriber WHERE email_key LIKE 'many1%'");
        assertMatchesRecount("many readers changed and deleted in one statement each");

        counts.fold();
        assertThat(sql.count("SELECT COUNT(*) FROM (SELECT figure FROM subscriber_count GROUP BY figure, label HAVING COUNT(*) > 1) scattered"))
                .as("folded into one row a count").isZero();
        assertMatchesRecount("folded");
    }

    /** Subscribes and confirms; returns the reader's unsubscribe path. */
    private String confirmedReader(String email, String topics) {
        http.postJson("/api/subscriptions", "{\"email\":\"" + email + "\",\"topics\":" + topics + ",\"consent\":true}");
        String token = Mails.queryToken(Mails.linkPath(awaitMessagesTo(email, 1).get(0), "/confirm?token="));
        String confirmed = http.postForm("/confirm", Map.of("token", token)).body();
        return confirmed.replaceAll("(?s).*href=\"(/unsubscribe\\?token=[^\"]+)\".*", "$1");
    }

    private void assertMatchesRecount(String after) {
        Map<String, Object> stats = Json.object(http.get("/admin/stats", asAdmin()).body());
        Map<String, Object> subscribers = Json.object(stats, "subscribers");
        Map<String, Long> byState = new TreeMap<>(numbers(Json.object(subscribers, "byState")));
        byState.values().removeIf(n -> n == 0);
        assertThat(byState).as("readers by state after: " + after)
                .isEqualTo(recount("SELECT LOWER(status) || '=' || COUNT(*) FROM subscriber GROUP BY status"));
        assertThat(numbers(Json.object(subscribers, "byTopic"))).as("confirmed readers by topic after: " + after)
                .isEqualTo(recount("""
                        SELECT t.topic || '=' || COUNT(*) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                        WHERE s.status = 'CONFIRMED' GROUP BY t.topic ORDER BY t.topic"""));
        assertThat(((Number) subscribers.get("allTopics")).longValue()).as("confirmed readers with every topic after: " + after)
                .isEqualTo(sql.count("""
                        SELECT COUNT(*) FROM subscriber s WHERE s.status = 'CONFIRMED'
                        AND NOT EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = s.id)"""));
        Map<String, Long> confirmed = new TreeMap<>();
        Map<String, Long> unsubscribed = new TreeMap<>();
        for (Map<String, Object> day : Json.list(stats, "days")) {
            put(confirmed, (String) day.get("day"), ((Number) day.get("confirmed")).longValue());
            put(unsubscribed, (String) day.get("day"), ((Number) day.get("unsubscribed")).longValue());
        }
        LocalDate first = LocalDate.parse((String) Json.list(stats, "days").get(0).get("day"));
        assertThat(confirmed).as("confirmations by day after: " + after).isEqualTo(recountDays("confirmed_at", first));
        assertThat(unsubscribed).as("unsubscriptions by day after: " + after).isEqualTo(recountDays("unsubscribed_at", first));
    }

    private Map<String, Long> recountDays(String column, LocalDate first) {
        Map<String, Long> days = new TreeMap<>();
        recount("""
                SELECT d || '=' || COUNT(*) FROM (SELECT CAST(FLOOR(EXTRACT(EPOCH FROM %1$s) / 86400) AS BIGINT) AS d
                FROM subscriber WHERE %1$s IS NOT NULL) days GROUP BY d""".formatted(column))
                .forEach((day, n) -> {
                    LocalDate date = LocalDate.ofEpochDay(Long.parseLong(day));
                    if (!date.isBefore(first)) {
                        put(days, date.toString(), n);
                    }
                });
        return days;
    }

    private Map<String, Long> recount(String query) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> rows = sql.column(query);
        rows.forEach(row -> counts.put(row.substring(0, row.lastIndexOf('=')), Long.parseLong(row.substring(row.lastIndexOf('=') + 1))));
        return query.contains("ORDER BY") ? counts : new TreeMap<>(counts);
    }

    private static void put(Map<String, Long> map, String key, long n) {
        if (n != 0) {
            map.put(key, n);
        }
    }

    /** A JSON object of numbers; absent when empty. */
    private static Map<String, Long> numbers(Map<String, Object> counts) {
        Map<String, Long> numbers = new LinkedHashMap<>();
        if (counts != null) {
            counts.forEach((key, value) -> numbers.put(key, ((Number) value).longValue()));
        }
        return numbers;
    }
}
