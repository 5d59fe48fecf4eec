package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class CsrfTest extends ServiceTest {

    @Test
    void pages_give_the_browser_a_strict_http_only_cookie_and_put_its_signed_token_in_their_forms() {
        HttpResponse<String> page = http.get("/");

        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("tidings_csrf=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(page.body()).contains("name=\"csrf\" value=\"" + http.csrfToken() + "\"");
        assertThat(http.get("/").headers().firstValue("Set-Cookie")).as("issued once per browser").isEmpty();
    }

    @Test
    void a_form_posted_from_another_site_is_refused_and_changes_nothing() {
        Http elsewhere = new Http(server.getURI());

        HttpResponse<String> noCookie = elsewhere.post("/subscribe", "application/x-www-form-urlencoded",
                "email=forged%40example.com&consent=true&csrf=guessed", "Accept", "text/html");

        assertThat(noCookie.statusCode()).isEqualTo(403);
        assertThat(noCookie.body()).contains("did not come from this site");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'forged@example.com'")).isZero();
    }

    @Test
    void a_cookie_and_field_pair_that_another_site_planted_is_refused() {
        Http planted = new Http(server.getURI());
        String value = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        HttpResponse<String> forged = planted.post("/subscribe", "application/x-www-form-urlencoded",
                "email=planted%40example.com&consent=true&csrf=" + value, "Cookie", "tidings_csrf=" + value);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'planted@example.com'")).isZero();
    }

    @Test
    void the_form_field_is_bound_to_the_cookie_so_one_browsers_field_fails_with_another_cookie() {
        String field = http.csrfToken();
        Http other = new Http(server.getURI());
        other.csrfToken();

        HttpResponse<String> response = other.post("/subscribe", "application/x-www-form-urlencoded",
                "email=swapped%40example.com&consent=true&csrf=" + field);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void a_form_whose_token_does_not_match_the_cookie_is_refused() {
        http.csrfToken();

        HttpResponse<String> mismatch = http.post("/subscribe", "application/x-www-form-urlencoded",
                "email=mismatch%40example.com&consent=true&csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        HttpResponse<String> missing = http.post("/subscribe", "application/x-www-form-urlencoded",
                "email=mismatch%40example.com&consent=true");

        assertThat(mismatch.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(mismatch.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE email_key = 'mismatch@example.com'")).isZero();
    }

    @Test
    void confirm_and_unsubscribe_buttons_need_the_token_but_one_click_unsubscribe_needs_no_cookie() throws Exception {
        http.postJson("/api/subscriptions", "{\"email\":\"click@example.com\",\"consent\":true}");
        String confirmToken = Mails.queryToken(Mails.linkPath(awaitMessagesTo("click@example.com", 1).get(0), "/confirm?token="));
        Http mailClient = new Http(server.getURI());

        assertThat(mailClient.post("/confirm", "application/x-www-form-urlencoded", "token=" + confirmToken).statusCode())
                .isEqualTo(403);
        assertThat(sql.text("SELECT status FROM subscriber WHERE email_key = 'click@example.com'")).isEqualTo("PENDING");
        HttpResponse<String> confirmed = http.postForm("/confirm", Map.of("token", confirmToken));
        String unsubscribePath = confirmed.body().replaceAll("(?s).*href=\"(/unsubscribe\\?token=[^\"]+)\".*", "$1");

        assertThat(mailClient.post(unsubscribePath, "application/x-www-form-urlencoded", "").statusCode()).isEqualTo(403);
        assertThat(sql.text("SELECT status FROM subscriber WHERE email_key = 'click@example.com'")).isEqualTo("CONFIRMED");
        assertThat(mailClient.post(unsubscribePath, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                .statusCode()).isEqualTo(200);
        assertThat(sql.text("SELECT status FROM subscriber WHERE email_key = 'click@example.com'")).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void the_json_api_uses_no_cookie_and_needs_no_form_token() {
        HttpResponse<String> response = new Http(server.getURI()).postJson("/api/subscriptions",
                "{\"email\":\"api@example.com\",\"consent\":true}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
