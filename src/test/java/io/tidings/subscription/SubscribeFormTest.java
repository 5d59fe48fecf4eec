package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SubscribeFormTest extends ServiceTest {

    @Test
    void the_form_offers_every_field_with_a_label_and_a_hidden_honeypot() {
        HttpResponse<String> page = http.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("<html lang=\"en\">")
                .contains("<label for=\"email\">")
                .contains("name=\"topics\" value=\"fertility\"").contains("value=\"baby\"")
                .contains("<option value=\"daily\"")
                .contains("name=\"consent\"")
                .contains("class=\"honeypot\"").contains("name=\"website\"");
    }

    @Test
    void a_valid_submission_redirects_to_check_your_inbox_and_sends_the_confirmation() {
        HttpResponse<String> response = http.post("/subscribe", "application/x-www-form-urlencoded", "csrf="
                + http.csrfToken() + "&email=form%40example.com&name=Flo&topics=baby&topics=postpartum&frequency=daily&consent=true");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/subscribe/pending");
        assertThat(http.get("/subscribe/pending").body()).contains("Check your inbox");
        String token = Mails.queryToken(Mails.linkPath(awaitMessagesTo("form@example.com", 1).get(0), "/confirm?token="));
        http.postForm("/confirm", Map.of("token", token));
        assertThat(sql.count("""
                SELECT count(*) FROM consent_event c JOIN subscriber s ON s.id = c.subscriber_id
                WHERE s.email_key = 'form@example.com' AND c.source = 'FORM'""")).isEqualTo(1);
        assertThat(sql.count("""
                SELECT count(*) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                WHERE s.email_key = 'form@example.com'""")).isEqualTo(2);
    }

    @Test
    void a_rejected_submission_comes_back_with_the_reasons_and_the_input_escaped() {
        HttpResponse<String> response = http.postForm("/subscribe",
                Map.of("email", "<b>not-an-address", "name", "<script>x</script>"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .contains("Please check the form.")
                .contains("Email must look like name@example.com")
                .contains("Consent must be given")
                .contains("value=\"&lt;b&gt;not-an-address\"")
                .contains("&lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script>x");
    }

    @Test
    void a_name_with_markup_is_escaped_in_the_email() {
        http.postJson("/api/subscriptions", "{\"email\":\"markup@example.com\",\"name\":\"<i>Mo</i> & co\",\"consent\":true}");

        String html = Mails.part(awaitMessagesTo("markup@example.com", 1).get(0), "text/html");
        assertThat(html).contains("Hello &lt;i&gt;Mo&lt;/i&gt; &amp; co,").doesNotContain("<i>Mo</i>");
    }

    @Test
    void every_reader_page_sends_the_security_headers() {
        http.postJson("/api/subscriptions", "{\"email\":\"headers@example.com\",\"consent\":true}");
        String confirm = Mails.linkPath(awaitMessagesTo("headers@example.com", 1).get(0), "/confirm?token=");
        HttpResponse<String> confirmPage = http.get(confirm);
        HttpResponse<String> confirmed = http.postForm("/confirm", Map.of("token", Mails.queryToken(confirm)));
        int link = confirmed.body().indexOf("/unsubscribe?token=");
        String unsubscribe = confirmed.body().substring(link, confirmed.body().indexOf('"', link));
        HttpResponse<String> unsubscribePage = http.get(unsubscribe);
        HttpResponse<String> unsubscribed = http.postForm(unsubscribe, Map.of());

        List<HttpResponse<String>> pages = List.of(http.get("/"), http.postForm("/subscribe", Map.of("email", "nope")),
                http.get("/subscribe/pending"), confirmPage, confirmed, unsubscribePage, unsubscribed,
                http.get("/confirm?token=unknown", "Accept", "text/html"), http.get("/assets/site.css"));
        assertThat(pages).extracting(HttpResponse::statusCode).containsExactly(200, 422, 200, 200, 200, 200, 200, 404, 200);
        for (HttpResponse<String> page : pages) {
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'none'"));
            assertThat(page.headers().firstValue("Referrer-Policy")).as(page.uri().toString()).hasValue("no-referrer");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(page.uri().toString()).hasValue("nosniff");
        }
    }

    @Test
    void a_form_posted_with_origin_null_is_accepted_as_browsers_send_it_under_no_referrer() {
        HttpResponse<String> response = http.post("/subscribe", "application/x-www-form-urlencoded",
                "csrf=" + http.csrfToken() + "&email=nullorigin%40example.com&consent=true", "Origin", "null");

        assertThat(response.statusCode()).isEqualTo(303);
    }
}
