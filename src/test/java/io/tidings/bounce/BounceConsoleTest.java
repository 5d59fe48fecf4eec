package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.mail.BounceType;
import io.tidings.support.FaultySmtp;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounces page's figures and the operator's undo, over bounces recorded by the pipeline: refusals
 * during SMTP from a real SMTP server (see {@link RefusedEdition}); soft bounces and complaints as the
 * bounce mailbox and the providers' webhooks hand them to {@link BounceLog}.
 */
@MicronautTest(transactional = false)
class BounceConsoleTest extends ServiceTest {

    private static final String[] PAGE = {"Accept", "text/html"};
    private final FaultySmtp relay = RefusedEdition.relay(freePort());

    @Inject
    BounceLog log;

    @Override
    protected Map<String, String> extraProperties() {
        relay.start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relay.port()), "tidings.bounces.soft-threshold", "2");
    }

    @AfterAll
    void stopRelay() {
        relay.stop();
    }

    @BeforeEach
    void setUp() {
        given.clear();
        sql.update("DELETE FROM bounce");
    }

    @Test
    void the_page_shows_each_editions_rates_the_complaint_lines_the_blocked_warning_and_filters_by_type() {
        given.reader("gone1@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("blocked1@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("blocked2@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("blocked3@example.com", null, "WEEKLY", "CONFIRMED");
        given.readers("weekly", 6);
        long edition = RefusedEdition.send(http, sql, given, clock, asAdmin());
        complaint("weekly1@example.com");

        String page = http.get("/admin/dashboard/bounces", asPage()).body();

        assertThat(page).contains("<h1>Bounces and complaints</h1>");
        String row = row(page, edition);
        assertThat(row).contains("<td>10</td>").contains("10.00% (1)</td>").contains("30.00% (3)</td>")
                .contains("data-level=\"over\"").contains("10.00% (1), over 0.3%");
        assertThat(page).contains("role=\"alert\" data-edition=\"" + edition + "\"")
                .contains("Edition " + edition + ": 30.00% of its mail (3) was refused as from a blocked sender");

        String blocked = http.get("/admin/dashboard/bounces?type=blocked", asPage()).body();
        assertThat(count(blocked, "data-type=\"blocked\"")).isEqualTo(3);
        assertThat(blocked).doesNotContain("data-type=\"hard\"").doesNotContain("data-type=\"complaint\"")
                .contains("blocked1@example.com").contains("5.7.1");

        HttpResponse<String> unknown = http.get("/admin/dashboard/bounces?type=bogus", asPage());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("There is no type of bounce called &quot;bogus&quot;");
    }

    @Test
    void a_blocked_refusal_or_two_in_a_large_edition_raises_no_warning() {
        given.reader("blocked1@example.com", null, "WEEKLY", "CONFIRMED");
        given.readers("weekly", 60);
        long edition = RefusedEdition.send(http, sql, given, clock, asAdmin());

        String page = http.get("/admin/dashboard/bounces", asPage()).body();

        assertThat(row(page, edition)).contains("1.64% (1)</td>").contains("data-level=\"ok\"");
        assertThat(page).doesNotContain("class=\"alarm\"");
    }

    @Test
    void undoing_an_editions_bounces_restores_the_readers_they_stopped_and_nobody_who_left_since() {
        long gone1 = given.reader("gone1@example.com", null, "WEEKLY", "CONFIRMED");
        long gone2 = given.reader("gone2@example.com", null, "WEEKLY", "CONFIRMED");
        long blocked = given.reader("blocked1@example.com", null, "WEEKLY", "CONFIRMED");
        long complainer = given.reader("weekly1@example.com", null, "WEEKLY", "CONFIRMED");
        long edition = RefusedEdition.send(http, sql, given, clock, asAdmin());
        complaint("weekly1@example.com");
        assertThat(statusOf(gone1)).isEqualTo("BOUNCED");
        assertThat(statusOf(complainer)).isEqualTo("UNSUBSCRIBED");
        // gone2 left after bouncing: an unsubscribe is theirs, and no undo may override it.
        sql.update("UPDATE subscriber SET status = 'UNSUBSCRIBED', unsubscribed_at = CURRENT_TIMESTAMP WHERE id = ?", gone2);

        HttpResponse<String> response = http.postJson("/admin/bounces/restore", "{\"editionId\": " + edition + "}", asAdmin());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.object(response.body())).containsEntry("readers", 1).containsEntry("bounces", 2);
        assertThat(statusOf(gone1)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT hard_bounces FROM subscriber WHERE id = ?", gone1)).isZero();
        assertThat(statusOf(gone2)).isEqualTo("UNSUBSCRIBED");
        assertThat(statusOf(complainer)).as("a complaint is never undone").isEqualTo("UNSUBSCRIBED");
        assertThat(statusOf(blocked)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE restored_at IS NOT NULL AND type = 'hard'")).isEqualTo(2);
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE restored_at IS NOT NULL AND type <> 'hard'")).isZero();
        assertThat(sql.text("SELECT kind || ' ' || source || ' ' || evidence FROM consent_event WHERE subscriber_id = ? AND kind = 'restored'", gone1))
                .isEqualTo("restored OPERATOR operator undid hard and soft bounces of edition " + edition);
        assertThat(sql.count("SELECT COUNT(*) FROM consent_event WHERE kind = 'restored'")).isEqualTo(1);

        HttpResponse<String> again = http.postJson("/admin/bounces/restore", "{\"editionId\": " + edition + "}", asAdmin());
        assertThat(Json.object(again.body())).containsEntry("readers", 0).containsEntry("bounces", 0);
    }

    @Test
    void undoing_soft_bounces_by_status_and_time_stops_counting_them_and_keeps_readers_stopped_by_something_else() {
        long soft = given.reader("soft@example.com", null, "WEEKLY", "CONFIRMED");
        long both = given.reader("both@example.com", null, "WEEKLY", "CONFIRMED");
        long old = given.reader("old@example.com", null, "WEEKLY", "CONFIRMED");
        bounce(BounceType.SOFT, "4.2.2", "old@example.com");
        bounce(BounceType.SOFT, "4.2.2", "old@example.com");
        clock.advance(Duration.ofDays(1));
        String since = clock.instant().toString();
        bounce(BounceType.SOFT, "4.2.2", "soft@example.com");
        bounce(BounceType.SOFT, "4.2.2", "soft@example.com");
        bounce(BounceType.HARD, "5.1.1", "both@example.com");
        bounce(BounceType.SOFT, "4.2.2", "both@example.com");
        bounce(BounceType.SOFT, "4.4.1", "both@example.com");
        assertThat(List.of(statusOf(soft), statusOf(both), statusOf(old))).containsOnly("BOUNCED");

        HttpResponse<String> response = http.postJson("/admin/bounces/restore",
                "{\"type\": \"soft\", \"status\": \"4.2.2\", \"since\": \"" + since + "\"}", asAdmin());

        assertThat(Json.object(response.body())).containsEntry("readers", 1).containsEntry("bounces", 3);
        assertThat(statusOf(soft)).isEqualTo("CONFIRMED");
        assertThat(statusOf(both)).as("still stopped by their hard bounce").isEqualTo("BOUNCED");
        assertThat(statusOf(old)).as("bounced before 'since'").isEqualTo("BOUNCED");
        bounce(BounceType.SOFT, "4.2.2", "soft@example.com");
        assertThat(statusOf(soft)).as("the undone soft bounces no longer count towards the threshold of 2").isEqualTo("CONFIRMED");
        bounce(BounceType.SOFT, "4.2.2", "soft@example.com");
        assertThat(statusOf(soft)).isEqualTo("BOUNCED");
    }

    @Test
    void bad_undo_requests_are_refused_with_problem_json_and_change_nothing() {
        long gone = given.reader("gone1@example.com", null, "WEEKLY", "CONFIRMED");
        bounce(BounceType.HARD, "5.1.1", "gone1@example.com");

        assertProblem("{}", 422, "editionId");
        assertProblem("{\"type\": \"blocked\"}", 422, "must be hard or soft");
        assertProblem("{\"type\": \"complaint\"}", 422, "must be hard or soft");
        assertProblem("{\"type\": \"hard\", \"status\": \"5.1\"}", 422, "enhanced status");
        assertProblem("{\"type\": \"hard\", \"since\": \"yesterday\"}", 422, "ISO-8601");
        assertProblem("{\"editionId\": -3}", 422, "not an edition");
        assertThat(http.postJson("/admin/bounces/restore", "{\"editionId\": \"seven\"}", asAdmin()).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/admin/bounces/restore", "{\"editionId\": ", asAdmin()).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/admin/bounces/restore", "{\"type\": \"hard\"}").statusCode()).as("no token").isEqualTo(401);
        assertThat(statusOf(gone)).isEqualTo("BOUNCED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE restored_at IS NOT NULL")).isZero();
    }

    private void assertProblem(String body, int status, String says) {
        HttpResponse<String> response = http.postJson("/admin/bounces/restore", body, asAdmin());
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(says);
    }

    /** A complaint about the reader's latest digest, named by its Message-ID, as a provider's event gives it. */
    private void complaint(String recipient) {
        String messageId = sql.text("SELECT message_id FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1", recipient);
        assertThat(log.record(List.of(new Report(BounceType.COMPLAINT, null, "abuse report", Source.SES, clock.instant(),
                new Clues(null, messageId, recipient))))).first().isInstanceOf(Outcome.Recorded.class);
    }

    private void bounce(BounceType type, String status, String recipient) {
        clock.advance(Duration.ofMinutes(1));
        assertThat(log.record(List.of(new Report(type, status, "from the bounce mailbox", Source.MAILBOX, clock.instant(),
                new Clues(null, null, recipient))))).first().isInstanceOf(Outcome.Recorded.class);
    }

    private String statusOf(long subscriberId) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", subscriberId);
    }

    private static String[] asPage() {
        return new String[]{"Authorization", "Bearer " + ADMIN_TOKEN, PAGE[0], PAGE[1]};
    }

    private static String row(String page, long edition) {
        int start = page.indexOf("<tr data-edition=\"" + edition + "\"");
        assertThat(start).as("a row for edition " + edition).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
