package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.HtmlChecker;
import io.tidings.support.Http;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class AuditLogTest extends ServiceTest {

    private static final String[] PAGE = {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"};

    @Inject
    Operators operators;
    @Inject
    AuditRetention retention;

    @Override
    protected Map<String, String> extraProperties() {
        // Small batches, so that the purge's loop is walked; a trusted local proxy, so that tests name their client.
        return Map.of("tidings.audit.batch-size", "2", "tidings.subscription.trusted-proxies", "127.0.0.1");
    }

    @Test
    void an_editions_sending_and_controls_are_recorded_with_who_from_where_and_when_from_the_api_and_the_dashboard() {
        clock.advance(Duration.ofDays(8)); // a schedule slot of its own
        given.reader("edition-reader@example.com", "Ed", "WEEKLY", "CONFIRMED");
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        String[] fromClient = {"Authorization", "Bearer " + ADMIN_TOKEN, "X-Forwarded-For", "198.51.100.7"};
        Instant before = clock.instant();

        HttpResponse<String> sent = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", fromClient);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        long id = ((Number) Json.object(Json.object(sent.body()), "edition").get("id")).longValue();
        assertThat(http.send("POST", "/admin/editions/" + id + "/pause", fromClient).statusCode()).isEqualTo(200);
        assertThat(http.postForm("/admin/dashboard/editions/" + id + "/resume", Map.of(), fromClient).statusCode()).isEqualTo(303);
        assertThat(http.postJson("/admin/editions/" + id + "/test", "{\"to\":\"editor@example.com\"}", fromClient).statusCode())
                .isEqualTo(202);
        assertThat(http.send("POST", "/admin/editions/" + id + "/cancel", fromClient).statusCode()).isEqualTo(200);

        List<Map<String, Object>> entries = entries("/admin/audit?actor=admin%20token&size=200").stream()
                .filter(entry -> ((String) entry.get("subject")).startsWith("edition " + id)).toList();
        assertThat(entries).extracting(entry -> entry.get("action")).as("newest first")
                .containsExactly("edition-cancelled", "edition-test-sent", "edition-resumed", "edition-paused", "edition-sent");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry).containsEntry("actor", AdminToken.NAME).containsEntry("clientAddress", "198.51.100.7");
            assertThat(Instant.parse((String) entry.get("at"))).isBetween(before, clock.instant());
        });
        assertThat(entries.get(4)).containsEntry("subject", "edition " + id + " (weekly)").containsEntry("description", "Edition sent");
        assertThat(entries.get(1)).containsEntry("subject", "edition " + id + " to editor@example.com");
    }

    @Test
    void a_refused_control_is_not_recorded() {
        assertThat(http.send("POST", "/admin/editions/999999/pause", asAdmin()).statusCode()).isEqualTo(404);

        assertThat(entries("/admin/audit?size=200")).noneMatch(entry -> "edition 999999".equals(entry.get("subject")));
    }

    @Test
    void an_erased_reader_is_recorded_by_id_and_the_address_is_nowhere_in_the_log() {
        long reader = given.reader("erased-reader@example.com", "Gone", "WEEKLY", "CONFIRMED");

        assertThat(http.send("DELETE", "/admin/subscribers/" + reader, asAdmin()).statusCode()).isEqualTo(204);

        assertThat(entries("/admin/audit?action=reader-erased").get(0)).containsEntry("subject", "subscriber " + reader);
        assertThat(sql.count("SELECT COUNT(*) FROM audit_entry WHERE subject LIKE '%erased-reader%'")).isZero();
    }

    @Test
    void sign_in_a_wrong_password_and_sign_out_are_recorded_by_the_address_and_no_password_is_written_down() {
        Http browser = new Http(server.getURI());
        browser.get("/admin/sign-in", PAGE);
        String[] client = {"X-Forwarded-For", "192.0.2.44"};
        assertThat(browser.postForm("/admin/sign-in", Map.of("email", ADMIN_EMAIL, "password", "guessed-password-4711"), client)
                .statusCode()).isEqualTo(401);
        assertThat(browser.postForm("/admin/sign-in", ownerSignIn(), client).statusCode()).isEqualTo(303);
        String formToken = browser.get("/admin/dashboard/audit", PAGE).body()
                .replaceFirst("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        assertThat(browser.postForm("/admin/sign-out", Map.of("csrf", formToken), client).statusCode()).isEqualTo(303);

        List<Map<String, Object>> entries = entries("/admin/audit?size=200").stream()
                .filter(entry -> "192.0.2.44".equals(entry.get("clientAddress"))).toList();
        assertThat(entries).extracting(entry -> entry.get("action") + " by " + entry.get("actor"))
                .containsExactly("sign-out by " + ADMIN_EMAIL, "sign-in by " + ADMIN_EMAIL, "sign-in-failed by " + ADMIN_EMAIL);
        assertThat(sql.count("SELECT COUNT(*) FROM audit_entry WHERE subject LIKE '%4711%' OR actor LIKE '%4711%'"
                + " OR subject LIKE ? OR actor LIKE ?", "%" + ADMIN_PASSWORD + "%", "%" + ADMIN_PASSWORD + "%")).isZero();
    }

    @Test
    void api_keys_and_operators_changed_by_the_api_and_the_console_are_recorded_without_the_key() {
        HttpResponse<String> created = http.postJson("/admin/api-keys",
                "{\"name\":\"Audit script\",\"scopes\":[\"stats:read\"]}", asAdmin());
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> key = Json.object(created.body());
        assertThat(http.send("DELETE", "/admin/api-keys/" + key.get("id"), asAdmin()).statusCode()).isEqualTo(204);
        assertThat(http.postJson("/admin/operators/invitations", "{\"email\":\"audited-editor@example.com\",\"role\":\"editor\"}",
                asAdmin()).statusCode()).isEqualTo(202);
        long invited = operators.create("audited-viewer@example.com", "Vi", Rights.Role.EDITOR, "a-password-long-enough").id();
        assertThat(http.putJson("/admin/operators/" + invited, "{\"role\":\"viewer\",\"mayReadAddresses\":false}", asAdmin())
                .statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", "/admin/operators/" + invited, asAdmin()).statusCode()).isEqualTo(204);

        assertThat(entries("/admin/audit?actor=admin%20token&size=200")).extracting(entry -> entry.get("action") + ": " + entry.get("subject"))
                .containsSubsequence(
                        "operator-removed: operator " + invited,
                        "operator-role-changed: operator " + invited + " (audited-viewer@example.com) now viewer",
                        "operator-invited: audited-editor@example.com as editor",
                        "api-key-revoked: API key " + key.get("id"),
                        "api-key-created: API key " + key.get("id") + " \"Audit script\" with stats:read");
        assertThat(sql.count("SELECT COUNT(*) FROM audit_entry WHERE subject LIKE ?", "%" + key.get("key") + "%")).isZero();
    }

    @Test
    void an_import_job_is_recorded_when_it_starts_and_when_it_ends_as_done_by_whoever_started_it() {
        HttpResponse<String> started = http.post("/admin/subscribers/imports", "text/csv",
                ("email,name,topics,frequency,consent_source,consented_at\n"
                        + "imported-one@example.com,One,,weekly,old list,2025-01-01\n").getBytes(StandardCharsets.UTF_8),
                asAdmin());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = started.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        await().atMost(Duration.ofSeconds(20)).until(() -> !entries("/admin/audit?action=import-finished").isEmpty());
        assertThat(entries("/admin/audit?action=import-finished").get(0))
                .containsEntry("subject", "import " + id + ": done, 1 imported, 0 rejected")
                .containsEntry("actor", AdminToken.NAME).doesNotContainKey("clientAddress");
        Map<String, Object> start = entries("/admin/audit?action=import-started").get(0);
        assertThat(start).containsEntry("subject", "import " + id).containsEntry("clientAddress", "127.0.0.1");
        assertThat((Integer) start.get("id")).as("recorded before the job ran")
                .isLessThan((Integer) entries("/admin/audit?action=import-finished").get(0).get("id"));

        HttpResponse<String> small = http.post("/admin/subscribers/import", "text/csv",
                "email,name,topics,frequency,consent_source,consented_at\nsmall@example.com,S,,weekly,list,2025-01-01\n", asAdmin());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(entries("/admin/audit?action=import-finished").get(0))
                .containsEntry("subject", "CSV upload: 1 imported, 0 skipped, 0 rejected");
    }

    @Test
    void restoring_bounces_is_recorded_with_what_was_asked_and_what_it_touched() {
        HttpResponse<String> restored = http.postJson("/admin/bounces/restore", "{\"editionId\": 424242}", asAdmin());
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);

        assertThat((String) entries("/admin/audit?action=bounces-restored").get(0).get("subject"))
                .contains("edition 424242").endsWith(": 0 undone, 0 readers restored");

        HttpResponse<String> fromPage = http.postForm("/admin/dashboard/bounces/restore",
                Map.of("editionId", "434343", "confirm", "yes"), asAdmin());
        assertThat(fromPage.statusCode()).isEqualTo(303);
        assertThat((String) entries("/admin/audit?action=bounces-restored").get(0).get("subject")).contains("edition 434343");
    }

    @Test
    void older_entries_come_a_page_at_a_time_by_cursor_and_filters_keep_one_action_or_one_actor() {
        for (int i = 1; i <= 5; i++) {
            entry("pager-" + (i % 2), "operator-invited", "page test " + i, clock.instant());
        }

        Map<String, Object> first = Json.object(http.get("/admin/audit?actor=pager-1&size=2", asAdmin()).body());
        assertThat(Json.list(first, "entries")).extracting(entry -> entry.get("subject")).containsExactly("page test 5", "page test 3");
        Map<String, Object> second = Json.object(http.get("/admin/audit?actor=pager-1&size=2&cursor=" + first.get("nextCursor"),
                asAdmin()).body());
        assertThat(Json.list(second, "entries")).extracting(entry -> entry.get("subject")).containsExactly("page test 1");
        assertThat(second).as("the last page").containsEntry("nextCursor", null);
        assertThat(entries("/admin/audit?action=operator-invited&actor=pager-0")).extracting(entry -> entry.get("subject"))
                .containsExactly("page test 4", "page test 2");
    }

    @Test
    void bad_filters_are_answered_with_a_problem_and_on_the_page_with_a_readable_reason() {
        for (String query : List.of("action=nothing-like-it", "cursor=abc", "cursor=-4", "size=0", "size=201")) {
            HttpResponse<String> response = http.get("/admin/audit?" + query, asAdmin());
            assertThat(response.statusCode()).as(query).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
        }
        HttpResponse<String> page = http.get("/admin/dashboard/audit?action=nothing-like-it", withPage());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Nothing to show: action: must be one of sign-in, ");
    }

    @Test
    void the_dashboard_page_lists_entries_filters_them_and_links_to_older_ones() {
        for (int i = 1; i <= 51; i++) {
            entry("page-reader", "api-key-created", "key " + i, clock.instant());
        }
        entry("someone else", "api-key-revoked", "revoked key", clock.instant());

        HttpResponse<String> page = http.get("/admin/dashboard/audit?action=api-key-created", withPage());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(HtmlChecker.errors(page.body())).isEmpty();
        assertThat(page.body()).contains("<h1>Audit log</h1>").contains("<td>key 51</td>").doesNotContain("<td>key 1</td>")
                .doesNotContain("revoked key").contains("<option value=\"api-key-created\" selected=\"selected\">API key created</option>");
        String older = page.body().replaceFirst("(?s).*id=\"older\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(older).startsWith("/admin/dashboard/audit?action=api-key-created&cursor=");
        assertThat(http.get(older, withPage()).body()).contains("<td>key 1</td>").doesNotContain("<td>key 2</td>")
                .doesNotContain("id=\"older\"");
    }

    @Test
    void entries_older_than_the_retention_are_deleted_by_the_purge_and_newer_ones_kept() {
        for (int i = 0; i < 5; i++) {
            entry("retention", "operator-removed", "old " + i, clock.instant());
        }
        clock.advance(Duration.ofDays(300));
        entry("retention", "operator-removed", "recent", clock.instant());
        clock.advance(Duration.ofDays(66)); // the old ones are a year and a day old now

        retention.purge();

        assertThat(sql.column("SELECT subject FROM audit_entry WHERE actor = 'retention'")).containsExactly("recent");
    }

    private void entry(String actor, String action, String subject, Instant at) {
        sql.update("INSERT INTO audit_entry (at, actor, client_address, action, subject) VALUES (?, ?, '127.0.0.1', ?, ?)",
                java.sql.Timestamp.from(at), actor, action, subject);
    }

    private List<Map<String, Object>> entries(String query) {
        HttpResponse<String> response = http.get(query, asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.list(Json.object(response.body()), "entries");
    }

    private static String[] withPage() {
        return new String[]{"Authorization", "Bearer " + ADMIN_TOKEN, PAGE[0], PAGE[1]};
    }
}
