package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class PreferencesTest extends ServiceTest {

    /** Subscribes and confirms an address; returns its preferences path. */
    private String confirmedReader(String email) {
        http.postJson("/api/subscriptions", "{\"email\":\"" + email + "\",\"name\":\"Pat\",\"topics\":[\"baby\"],\"consent\":true}");
        String token = Mails.queryToken(Mails.linkPath(awaitMessagesTo(email, 1).get(0), "/confirm?token="));
        String confirmed = http.postForm("/confirm", Map.of("token", token)).body();
        String manage = confirmed.replaceAll("(?s).*href=\"/unsubscribe\\?token=([^\"]+)\".*", "$1");
        return "/preferences?token=" + manage;
    }

    private HttpResponse<String> act(String path, String action, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("action", action);
        return http.postForm(path, form, "Accept", "text/html");
    }

    private String column(String column, String email) {
        return sql.text("SELECT " + column + " FROM subscriber WHERE email_key = ?", email);
    }

    @Test
    void the_page_shows_the_reader_settings_and_saves_new_topics_and_frequency() {
        String path = confirmedReader("prefs@example.com");

        HttpResponse<String> page = http.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("prefs@example.com").contains("value=\"baby\" checked");

        HttpResponse<String> saved = http.post(path, "application/x-www-form-urlencoded",
                "csrf=" + http.csrfToken() + "&action=save&topics=pregnancy&topics=postpartum&frequency=daily");

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.");
        assertThat(column("frequency", "prefs@example.com")).isEqualTo("DAILY");
        assertThat(sql.text("""
                SELECT STRING_AGG(topic, ',' ORDER BY topic) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                WHERE s.email_key = 'prefs@example.com'""")).isEqualTo("postpartum,pregnancy");
    }

    @Test
    void an_unknown_topic_or_pause_is_refused_on_the_page_and_an_unknown_token_is_a_404_page() {
        String path = confirmedReader("wrong@example.com");

        assertThat(act(path, "save", Map.of("topics", "cooking")).statusCode()).isEqualTo(422);
        assertThat(act(path, "pause", Map.of("weeks", "99")).statusCode()).isEqualTo(422);
        assertThat(act(path, "launch", Map.of()).statusCode()).isEqualTo(422);
        assertThat(column("frequency", "wrong@example.com")).isEqualTo("WEEKLY");
        HttpResponse<String> unknown = http.get("/preferences?token=nope", "Accept", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("This link is not valid");
    }

    @Test
    void a_paused_reader_is_passed_by_until_the_pause_ends_or_they_resume() {
        String path = confirmedReader("pause@example.com");

        HttpResponse<String> paused = act(path, "pause", Map.of("weeks", "2"));

        assertThat(paused.body()).contains("Paused until");
        assertThat(http.get(path).body()).contains("Resume now");
        clock.advance(Duration.ofDays(15));
        assertThat(http.get(path).body()).as("the pause has ended").doesNotContain("Resume now");
        act(path, "pause", Map.of("weeks", "1"));
        act(path, "resume", Map.of());
        assertThat(column("paused_until", "pause@example.com")).isNull();
    }

    @Test
    void a_new_address_takes_over_only_once_it_confirms_by_its_own_link() {
        String path = confirmedReader("old@example.com");

        HttpResponse<String> requested = act(path, "change-address", Map.of("email", "New@Example.com"));

        assertThat(requested.body()).contains("Check your new inbox").contains("New@example.com");
        assertThat(column("email", "old@example.com")).isEqualTo("old@example.com");
        String link = Mails.linkPath(awaitMessagesTo("new@example.com", 1).get(0), "/confirm?token=");
        assertThat(http.get(link).body()).contains("Confirm");
        assertThat(column("email", "old@example.com")).as("a GET changes nothing").isEqualTo("old@example.com");

        http.postForm("/confirm", Map.of("token", Mails.queryToken(link)));

        assertThat(column("email", "new@example.com")).isEqualTo("New@example.com");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'old@example.com'")).isZero();
        assertThat(column("status", "new@example.com")).isEqualTo("CONFIRMED");
        assertThat(http.get(path).body()).as("the manage link still works").contains("New@example.com");
        assertThat(sql.text("""
                SELECT c.kind FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id
                WHERE s.email_key = 'new@example.com' ORDER BY c.id DESC LIMIT 1""")).isEqualTo("address-changed");
        Map<String, Object> data = Json.object(act(path, "export", Map.of()).body());
        assertThat(Json.list(data, "consents")).extracting(c -> c.get("kind"))
                .containsExactly("confirmed", "address-changed");
    }

    @Test
    void moving_to_an_address_that_another_subscription_uses_is_refused() {
        confirmedReader("taken@example.com");
        String path = confirmedReader("mover@example.com");
        act(path, "change-address", Map.of("email", "taken@example.com"));
        String link = Mails.linkPath(awaitMessagesTo("taken@example.com", 2).get(1), "/confirm?token=");

        HttpResponse<String> refused = http.postForm("/confirm", Map.of("token", Mails.queryToken(link)), "Accept", "text/html");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("already receives the newsletter");
        assertThat(column("email", "mover@example.com")).isEqualTo("mover@example.com");
        assertThat(act(path, "change-address", Map.of("email", "mover@example.com")).statusCode()).isEqualTo(422);
        assertThat(act(path, "change-address", Map.of("email", "not an address")).statusCode()).isEqualTo(422);
    }

    @Test
    void export_downloads_everything_kept_about_the_reader_as_json() {
        String path = confirmedReader("export@example.com");

        HttpResponse<String> download = act(path, "export", Map.of());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        Map<String, Object> data = Json.object(download.body());
        assertThat(Json.object(data, "subscriber")).containsEntry("email", "export@example.com").containsEntry("name", "Pat")
                .containsEntry("status", "confirmed").containsEntry("topics", List.of("baby"));
        assertThat(Json.list(data, "consents")).extracting(c -> c.get("kind")).containsExactly("confirmed");
        assertThat(Json.list(data, "consents").get(0)).containsKeys("clientAddress", "userAgent", "policyVersion", "recordedAt");
        assertThat(Json.list(data, "deliveries")).extracting(d -> d.get("kind")).containsExactly("confirmation");
    }

    @Test
    void erasure_deletes_the_reader_and_their_emails_and_keeps_only_a_keyed_hash() {
        String path = confirmedReader("erase@example.com");
        long id = sql.count("SELECT id FROM subscriber WHERE email_key = 'erase@example.com'");
        assertThat(sql.count("SELECT COUNT(*) FROM consent_event WHERE subscriber_id = ?", id)).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_topic WHERE subscriber_id = ?", id)).isEqualTo(1);
        assertThat(act(path, "erase", Map.of()).statusCode()).as("the box must be ticked").isEqualTo(422);

        HttpResponse<String> erased = act(path, "erase", Map.of("confirm", "yes"));

        assertThat(erased.body()).contains("Your data is erased");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'erase@example.com'")).isZero();
        // Neither table keeps a foreign key that would take them along (V30).
        assertThat(sql.count("SELECT COUNT(*) FROM consent_event WHERE subscriber_id = ?", id)).as("consent records").isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_topic WHERE subscriber_id = ?", id)).as("topics").isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE recipient = 'erase@example.com'")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM erased_address")).isGreaterThanOrEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM erased_address WHERE address_hash LIKE '%erase%'")).isZero();
        assertThat(http.get(path, "Accept", "text/html").statusCode()).as("old links stop working").isEqualTo(404);
    }

    @Test
    void an_erased_reader_may_subscribe_again_by_a_new_opt_in() {
        String path = confirmedReader("again@example.com");
        act(path, "erase", Map.of("confirm", "yes"));
        long hashes = sql.count("SELECT COUNT(*) FROM erased_address");

        http.postJson("/api/subscriptions", "{\"email\":\"again@example.com\",\"consent\":true}");
        String token = Mails.queryToken(Mails.linkPath(awaitMessagesTo("again@example.com", 2).get(1), "/confirm?token="));
        http.postForm("/confirm", Map.of("token", token));

        assertThat(column("status", "again@example.com")).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM erased_address")).as("their own opt-in lifts the mark").isEqualTo(hashes - 1);
    }

    @Test
    void the_operator_erases_a_subscriber_by_id() {
        confirmedReader("byadmin@example.com");
        String id = column("id", "byadmin@example.com");

        assertThat(http.send("DELETE", "/admin/subscribers/" + id, asAdmin()).statusCode()).isEqualTo(204);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'byadmin@example.com'")).isZero();
        assertThat(http.send("DELETE", "/admin/subscribers/" + id, asAdmin()).statusCode()).isEqualTo(404);
        assertThat(http.send("DELETE", "/admin/subscribers/" + id).statusCode()).isEqualTo(401);
    }

    @Test
    void every_preferences_form_needs_the_csrf_token() {
        String path = confirmedReader("csrf@example.com");

        HttpResponse<String> forged = http.post(path, "application/x-www-form-urlencoded", "action=erase&confirm=yes");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(column("status", "csrf@example.com")).isEqualTo("CONFIRMED");
    }
}
