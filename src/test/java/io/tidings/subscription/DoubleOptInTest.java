package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class DoubleOptInTest extends ServiceTest {

    @Inject
    ManageTokens manageTokens;

    private String status(String email) {
        return sql.text("SELECT status FROM subscriber WHERE email_key = ?", email.toLowerCase());
    }

    private void subscribe(String email) {
        HttpResponse<String> response = http.postJson("/api/subscriptions",
                "{\"email\":\"" + email + "\",\"name\":\"Ann\",\"topics\":[\"baby\",\"pregnancy\"],\"frequency\":\"daily\",\"consent\":true}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"pending\"}");
    }

    @Test
    void subscribe_then_confirm_by_post_from_the_emailed_link() throws Exception {
        subscribe("ann@example.com");

        MimeMessage mail = awaitMessagesTo("ann@example.com", 1).get(0);
        assertThat(mail.getHeader("Message-ID")[0]).matches("<[A-Za-z0-9_-]+@[a-z.]+>");
        assertThat(mail.getHeader("Date")).isNotEmpty();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(Mails.part(mail, "text/plain")).contains("Hello Ann");
        assertThat(Mails.part(mail, "text/html")).contains("Confirm my subscription");
        String link = Mails.linkPath(mail, "/confirm?token=");

        HttpResponse<String> page = http.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<button type=\"submit\">Confirm</button>");
        assertThat(status("ann@example.com")).as("a GET must not confirm").isEqualTo("PENDING");

        HttpResponse<String> confirmed = http.postForm("/confirm", Map.of("token", Mails.queryToken(link)),
                "User-Agent", "DoubleOptInTest");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("You are subscribed").contains("ann@example.com");
        assertThat(status("ann@example.com")).isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT frequency FROM subscriber WHERE email_key = 'ann@example.com'")).isEqualTo("DAILY");
        assertThat(sql.count("""
                SELECT count(*) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                WHERE s.email_key = 'ann@example.com' AND t.topic IN ('baby', 'pregnancy')""")).isEqualTo(2);
        assertThat(sql.count("""
                SELECT count(*) FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id
                WHERE s.email_key = 'ann@example.com' AND c.kind = 'confirmed' AND c.source = 'API'
                  AND c.user_agent = 'DoubleOptInTest' AND c.client_address = '127.0.0.1'
                  AND c.policy_version IS NOT NULL""")).isEqualTo(1);
    }

    @Test
    void a_used_link_is_gone_and_an_unknown_one_is_not_found() {
        subscribe("reuse@example.com");
        String token = confirmationToken("reuse@example.com", 1);
        assertThat(http.postForm("/confirm", Map.of("token", token)).statusCode()).isEqualTo(200);

        HttpResponse<String> again = http.postForm("/confirm", Map.of("token", token), "Accept", "text/html");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("<h1>Gone</h1>").contains("already been used").contains("href=\"/\"");
        assertThat(http.get("/confirm?token=" + token, "Accept", "text/html").statusCode()).isEqualTo(410);

        HttpResponse<String> unknown = http.get("/confirm?token=not-a-real-token", "Accept", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<title>Not Found</title>").contains("<h1>Not Found</h1>").contains("not valid");
    }

    @Test
    void an_expired_link_is_gone_and_confirms_nothing() {
        subscribe("late@example.com");
        String token = confirmationToken("late@example.com", 1);

        clock.advance(Duration.ofHours(49));

        HttpResponse<String> response = http.postForm("/confirm", Map.of("token", token), "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.body()).contains("expired");
        assertThat(status("late@example.com")).isEqualTo("PENDING");
    }

    @Test
    void one_click_unsubscribe_needs_no_cookie_and_withholds_queued_mail() {
        subscribeAndConfirm("leaver@example.com");
        long subscriberId = sql.count("SELECT id FROM subscriber WHERE email_key = 'leaver@example.com'");
        sql.update("""
                INSERT INTO outbox (kind, subscriber_id, recipient, link_token, message_id, status, due_at, created_at)
                VALUES ('CONFIRMATION', ?, 'leaver@example.com', 'token', '<queued@test>', 'PENDING', ?, ?)""",
                subscriberId, java.sql.Timestamp.from(clock.instant().plus(Duration.ofHours(1))),
                java.sql.Timestamp.from(clock.instant()));
        String manage = manageTokens.tokenFor(sql.text("SELECT uid FROM subscriber WHERE id = ?", subscriberId));

        HttpResponse<String> response = http.post("/unsubscribe?token=" + manage,
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(status("leaver@example.com")).isEqualTo("UNSUBSCRIBED");
        assertThat(sql.text("SELECT status FROM outbox WHERE message_id = '<queued@test>'")).isEqualTo("SUPPRESSED");
        assertThat(sql.count("""
                SELECT count(*) FROM consent_event WHERE subscriber_id = ? AND kind = 'unsubscribed' AND source = 'ONE_CLICK'""",
                subscriberId)).isEqualTo(1);
    }

    @Test
    void one_click_unsubscribe_also_accepts_a_multipart_body() {
        String manage = manageTokenFromConfirmedPage(subscribeAndConfirm("multipart@example.com"));
        String boundary = "----tidings";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--" + boundary + "--\r\n";

        HttpResponse<String> response = http.post("/unsubscribe?token=" + manage,
                "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(status("multipart@example.com")).isEqualTo("UNSUBSCRIBED");
        assertThat(sql.count("SELECT count(*) FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email_key = 'multipart@example.com' AND c.kind = 'unsubscribed' AND c.source = 'ONE_CLICK'"))
                .isEqualTo(1);
    }

    @Test
    void the_unsubscribe_link_shows_a_button_and_changes_nothing_until_pressed() {
        String manage = manageTokenFromConfirmedPage(subscribeAndConfirm("button@example.com"));

        HttpResponse<String> page = http.get("/unsubscribe?token=" + manage);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<button type=\"submit\">Unsubscribe</button>");
        assertThat(status("button@example.com")).isEqualTo("CONFIRMED");

        assertThat(http.postForm("/unsubscribe?token=" + manage, Map.of()).statusCode()).isEqualTo(200);
        assertThat(status("button@example.com")).isEqualTo("UNSUBSCRIBED");
        assertThat(http.postForm("/unsubscribe?token=wrong", Map.of(), "Accept", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void an_unsubscribed_reader_who_subscribes_again_must_confirm_again() {
        String manage = manageTokenFromConfirmedPage(subscribeAndConfirm("back@example.com"));
        http.postForm("/unsubscribe?token=" + manage, Map.of());
        clock.advance(Duration.ofMinutes(11));

        subscribe("back@example.com");

        String second = confirmationToken("back@example.com", 2);
        assertThat(status("back@example.com")).isEqualTo("UNSUBSCRIBED");
        http.postForm("/confirm", Map.of("token", second));
        assertThat(status("back@example.com")).isEqualTo("CONFIRMED");
    }

    @Test
    void a_confirmed_reader_gets_the_same_answer_and_no_new_email() {
        subscribeAndConfirm("known@example.com");
        clock.advance(Duration.ofHours(1));

        subscribe("known@example.com");

        assertThat(sql.count("""
                SELECT count(*) FROM outbox o JOIN subscriber s ON s.id = o.subscriber_id
                WHERE s.email_key = 'known@example.com'""")).isEqualTo(1);
    }

    /** The token in the {@code nth} (1-based) confirmation email to {@code email}. */
    private String confirmationToken(String email, int nth) {
        return Mails.queryToken(Mails.linkPath(awaitMessagesTo(email, nth).get(nth - 1), "/confirm?token="));
    }

    /** Subscribes and confirms {@code email}; returns the confirmed page. */
    private String subscribeAndConfirm(String email) {
        subscribe(email);
        return http.postForm("/confirm", Map.of("token", confirmationToken(email, 1))).body();
    }

    private static String manageTokenFromConfirmedPage(String html) {
        int start = html.indexOf("/unsubscribe?token=") + "/unsubscribe?token=".length();
        return html.substring(start, html.indexOf('"', start));
    }
}
