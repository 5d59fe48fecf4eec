package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.core.Tokens;
import io.tidings.support.Http;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class AdminDashboardTest extends ServiceTest {

    private static final Pattern SESSION_COOKIE = Pattern.compile("tidings_admin=([^;]*)");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String[] PAGE = {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"};

    @Override
    protected Map<String, String> extraProperties() {
        // The throttle test comes from addresses of its own, through a trusted local proxy.
        return Map.of("tidings.subscription.trusted-proxies", "127.0.0.1");
    }

    @Test
    void the_owners_password_signs_in_with_a_session_cookie_that_scripts_and_other_sites_never_see() {
        http.get("/admin/sign-in", PAGE);
        HttpResponse<String> response = http.postForm("/admin/sign-in", ownerSignIn());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/admin/");
        String cookie = sessionCookieHeader(response);
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/admin").doesNotContainIgnoringCase("Secure");
        String id = cookieValue(cookie);
        assertThat(Tokens.sha256(id)).as("at least 256 bits, so 43 URL-safe characters").hasSize(64);
        assertThat(id).hasSize(43);
        assertThat(sql.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ?", Tokens.sha256(id))).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ? OR csrf_token = ?", id, id))
                .as("the id itself is stored nowhere").isZero();
    }

    @Test
    void a_wrong_password_shows_the_sign_in_page_again_with_the_reason_and_no_session() {
        http.get("/admin/sign-in", PAGE);
        HttpResponse<String> response = http.postForm("/admin/sign-in", Map.of("email", ADMIN_EMAIL, "password", "not-" + ADMIN_PASSWORD), PAGE);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("<h1>Sign in</h1>").contains("do not match an operator");
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("tidings_admin="));
    }

    @Test
    void after_ten_wrong_passwords_a_client_must_wait_even_with_the_right_one() {
        String[] client = {"X-Forwarded-For", "203.0.113.9"};
        http.get("/admin/sign-in", PAGE);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(http.postForm("/admin/sign-in", Map.of("email", ADMIN_EMAIL, "password", "guess-" + attempt), client).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = http.postForm("/admin/sign-in", ownerSignIn(), client);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("wait " + throttled.headers().firstValue("Retry-After").orElseThrow() + " seconds");
        assertThat(http.postForm("/admin/sign-in", ownerSignIn(), "X-Forwarded-For", "203.0.113.10")
                .statusCode()).as("another client").isEqualTo(303);
    }

    @Test
    void the_sign_in_form_needs_its_csrf_token() {
        HttpResponse<String> response = http.post("/admin/sign-in", "application/x-www-form-urlencoded",
                "email=" + Http.encode(ADMIN_EMAIL) + "&password=" + Http.encode(ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void the_session_opens_pages_and_the_json_api() {
        signIn();

        HttpResponse<String> overview = http.get("/admin/", PAGE);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>Overview</h1>").contains("<svg class=\"chart\"");
        assertThat(overview.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'").contains("default-src 'none'"));
        assertThat(http.get("/admin/dashboard/editions", PAGE).body()).contains("<h1>Editions</h1>");
        assertThat(http.get("/admin/stats").statusCode()).isEqualTo(200);
        assertThat(http.get("/admin/editions").statusCode()).isEqualTo(200);
        assertThat(http.get("/admin/articles").statusCode()).isEqualTo(200);
    }

    @Test
    void without_a_session_a_browser_is_sent_to_sign_in_and_a_script_gets_401() {
        HttpResponse<String> page = http.get("/admin/", PAGE);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/admin/sign-in");

        HttpResponse<String> json = http.get("/admin/stats");
        assertThat(json.statusCode()).isEqualTo(401);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(http.get("/admin/sign-in", PAGE).statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_bearer_token_is_refused_even_with_a_session_cookie() {
        signIn();

        assertThat(http.get("/admin/stats", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void with_the_session_cookie_a_post_needs_the_sessions_own_csrf_token() {
        signIn();
        given.clear();

        assertThat(http.post("/admin/dashboard/editions", "application/x-www-form-urlencoded", "frequency=daily", PAGE)
                .statusCode()).as("no token").isEqualTo(403);
        assertThat(http.postForm("/admin/dashboard/editions", Map.of("frequency", "daily"), PAGE).statusCode())
                .as("the reader pages' double-submit token is not this session's").isEqualTo(403);
        assertThat(http.postJson("/admin/editions", "{\"frequency\":\"daily\"}").statusCode())
                .as("JSON without the header").isEqualTo(403);
        assertThat(sql.count("SELECT COUNT(*) FROM edition")).isZero();

        HttpResponse<String> page = http.postForm("/admin/dashboard/editions", Map.of("frequency", "daily", "csrf", formToken()), PAGE);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/admin/dashboard/editions?done=nothing-new");
        assertThat(http.get("/admin/dashboard/editions?done=nothing-new", PAGE).body()).contains("No new articles");
        assertThat(http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", "X-CSRF-Token", formToken()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_refused_action_shows_the_page_with_the_reason() {
        signIn();
        given.clear();
        given.article("Refusals", clock.instant());
        given.reader("refused@example.com", null, "DAILY", "CONFIRMED");
        String id = String.valueOf(Json.object(http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", asAdmin()).body())
                .get("edition") instanceof Map<?, ?> edition ? edition.get("id") : null);
        http.postJson("/admin/editions/" + id + "/cancel", "", asAdmin());

        HttpResponse<String> paused = http.postForm("/admin/dashboard/editions/" + id + "/pause", Map.of("csrf", formToken()), PAGE);
        assertThat(paused.statusCode()).isEqualTo(409);
        assertThat(paused.body()).contains("<h1>Edition #" + id + "</h1>").contains("was cancelled");

        HttpResponse<String> badAddress = http.postForm("/admin/dashboard/editions/" + id + "/test",
                Map.of("csrf", formToken(), "to", "not an address"), PAGE);
        assertThat(badAddress.statusCode()).isEqualTo(422);
        assertThat(badAddress.body()).contains("to: must look like");

        assertThat(http.postForm("/admin/dashboard/editions/999999/pause", Map.of("csrf", formToken()), PAGE).statusCode())
                .isEqualTo(404);
    }

    @Test
    void signing_out_ends_the_session_on_the_server() {
        String id = signIn();

        HttpResponse<String> out = http.postForm("/admin/sign-out", Map.of("csrf", formToken()), PAGE);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/admin/sign-in?signed-out=true");
        assertThat(sql.count("SELECT COUNT(*) FROM admin_session WHERE id_hash = ?", Tokens.sha256(id))).isZero();

        Http copied = new Http(server.getURI());
        assertThat(copied.get("/admin/stats", "Cookie", "tidings_admin=" + id).statusCode())
                .as("a copy of the old cookie").isEqualTo(401);
    }

    @Test
    void a_session_expires_after_two_idle_hours() {
        signIn();
        clock.advance(Duration.ofMinutes(119));
        assertThat(http.get("/admin/stats").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(121));
        assertThat(http.get("/admin/stats").statusCode()).isEqualTo(401);
        assertThat(http.get("/admin/", PAGE).statusCode()).isEqualTo(303);
    }

    @Test
    void a_session_in_use_ends_twelve_hours_after_sign_in() {
        signIn();
        for (int hour = 0; hour < 11; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(http.get("/admin/stats").statusCode()).as("after %d h", hour + 1).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(61));
        assertThat(http.get("/admin/stats").statusCode()).isEqualTo(401);
    }

    @Test
    void stats_count_subscribers_editions_and_deliveries_as_the_database_holds_them() {
        given.clear();
        long ann = given.reader("ann@example.com", "Ann", "WEEKLY", "CONFIRMED", "baby", "pregnancy");
        given.reader("bob@example.com", null, "WEEKLY", "CONFIRMED", "baby");
        given.reader("cy@example.com", null, "DAILY", "CONFIRMED");
        given.reader("dee@example.com", null, "DAILY", "PENDING", "baby");
        long eve = given.reader("eve@example.com", null, "DAILY", "UNSUBSCRIBED");
        long fay = given.reader("fay@example.com", null, "DAILY", "BOUNCED");
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp yesterday = Timestamp.from(clock.instant().minus(Duration.ofDays(1)));
        sql.update("UPDATE subscriber SET confirmed_at = ?", now);
        sql.update("UPDATE subscriber SET confirmed_at = NULL WHERE status = 'PENDING'");
        sql.update("UPDATE subscriber SET unsubscribed_at = ? WHERE id = ?", yesterday, eve);
        sql.update("UPDATE subscriber SET hard_bounces = 1, last_bounce_at = ? WHERE id = ?", now, fay);
        outbox(ann, "SENT", null);
        outbox(ann, "SENT", null);
        outbox(fay, "FAILED", "550 5.1.1 no such user");
        outbox(eve, "SUPPRESSED", null);
        sql.update("""
                INSERT INTO edition (frequency, slot, window_start, window_end, status, message_prefix, article_count,
                                     recipient_count, created_at)
                VALUES ('DAILY', ?, ?, ?, 'PAUSED', 'p', 0, 0, ?)""", now, yesterday, now, now);

        Map<String, Object> stats = Json.object(http.get("/admin/stats", asAdmin()).body());

        Map<String, Object> subscribers = Json.object(stats, "subscribers");
        assertThat(numbers(Json.object(subscribers, "byState")))
                .containsExactly(Map.entry("pending", 1L), Map.entry("confirmed", 3L), Map.entry("unsubscribed", 1L),
                        Map.entry("bounced", 1L));
        assertThat(numbers(Json.object(subscribers, "byTopic"))).containsExactly(Map.entry("baby", 2L), Map.entry("pregnancy", 1L));
        assertThat(((Number) subscribers.get("allTopics")).longValue()).isEqualTo(1);
        assertThat(((Number) subscribers.get("total")).longValue()).isEqualTo(6);
        assertThat(numbers(Json.object(Json.object(stats, "editions"), "byState")))
                .containsExactly(Map.entry("active", 0L), Map.entry("paused", 1L), Map.entry("cancelled", 0L));
        assertThat(numbers(Json.object(Json.object(stats, "deliveries"), "byState"))).containsExactly(
                Map.entry("pending", 0L), Map.entry("sending", 0L), Map.entry("sent", 2L), Map.entry("failed", 1L),
                Map.entry("suppressed", 1L));

        List<Map<String, Object>> days = Json.list(stats, "days");
        assertThat(days).hasSize(30);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(days.get(29)).containsEntry("day", today.toString()).containsEntry("confirmed", 5);
        assertThat(days.get(28)).containsEntry("day", today.minusDays(1).toString()).containsEntry("unsubscribed", 1);
        assertThat(days.stream().mapToLong(day -> ((Number) day.get("confirmed")).longValue()).sum()).isEqualTo(5);

        List<Map<String, Object>> bounces = Json.list(stats, "recentBounces");
        assertThat(bounces).hasSize(1);
        assertThat(bounces.get(0)).containsEntry("email", "fay@example.com").containsEntry("state", "bounced")
                .containsEntry("lastError", "550 5.1.1 no such user");
    }

    @Test
    void the_subscriber_list_pages_filters_and_never_shows_tokens() {
        given.clear();
        given.readers("page", 55);
        long dee = given.reader("dee@example.com", "Dee Pending", "DAILY", "PENDING", "baby");

        Map<String, Object> first = Json.object(http.get("/admin/subscribers?status=confirmed", asAdmin()).body());
        assertThat(first).containsEntry("total", 55).containsEntry("page", 0).containsEntry("size", 50);
        assertThat(Json.list(first, "items")).hasSize(50).allSatisfy(item -> assertThat(item).containsEntry("state", "confirmed"));
        Map<String, Object> second = Json.object(http.get("/admin/subscribers?status=confirmed&page=1", asAdmin()).body());
        assertThat(Json.list(second, "items")).hasSize(5);
        assertThat(Json.object(http.get("/admin/subscribers?q=PAGE1", asAdmin()).body())).containsEntry("total", 11);
        assertThat(Json.object(http.get("/admin/subscribers?q=" + Http.encode("dee pend"), asAdmin()).body()))
                .containsEntry("total", 1);
        assertThat(Json.object(http.get("/admin/subscribers?q=" + Http.encode("%"), asAdmin()).body()))
                .as("% is a character, not a wildcard").containsEntry("total", 0);
        assertThat(Json.object(http.get("/admin/subscribers", asAdmin()).body())).containsEntry("total", 56);

        HttpResponse<String> shown = http.get("/admin/subscribers/" + dee, asAdmin());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(Json.object(Json.object(shown.body()), "subscriber")).containsEntry("email", "dee@example.com")
                .containsEntry("topics", List.of("baby")).containsEntry("state", "pending");
        assertThat(shown.body()).doesNotContainIgnoringCase("token").doesNotContain("uid");
        assertThat(http.get("/admin/subscribers?status=confirmed", asAdmin()).body()).doesNotContainIgnoringCase("token");

        assertThat(http.get("/admin/subscribers/999999", asAdmin()).statusCode()).isEqualTo(404);
        HttpResponse<String> badState = http.get("/admin/subscribers?status=gone", asAdmin());
        assertThat(badState.statusCode()).isEqualTo(422);
        assertThat(badState.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(http.get("/admin/subscribers?page=-1", asAdmin()).statusCode()).isEqualTo(422);
    }

    /** Signs this client in on the form, as a browser would; returns the session id from the cookie. */
    private String signIn() {
        http.get("/admin/sign-in", PAGE);
        HttpResponse<String> response = http.postForm("/admin/sign-in", ownerSignIn());
        assertThat(response.statusCode()).isEqualTo(303);
        return cookieValue(sessionCookieHeader(response));
    }

    /** The signed-in session's CSRF token, as its pages carry it. */
    private String formToken() {
        Matcher token = FORM_TOKEN.matcher(http.get("/admin/dashboard/editions", PAGE).body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static String sessionCookieHeader(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("tidings_admin="))
                .findFirst().orElseThrow();
    }

    private static String cookieValue(String header) {
        Matcher value = SESSION_COOKIE.matcher(header);
        assertThat(value.find()).isTrue();
        return value.group(1);
    }

    private void outbox(long subscriberId, String status, String error) {
        sql.update("""
                INSERT INTO outbox (kind, subscriber_id, recipient, message_id, status, attempts, due_at, created_at, last_error)
                VALUES ('DIGEST', ?, 'x@example.com', ?, ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)""",
                subscriberId, "<" + Tokens.random() + "@test>", status, error);
    }

    private static Map<String, Long> numbers(Map<String, Object> counts) {
        Map<String, Long> numbers = new java.util.LinkedHashMap<>();
        counts.forEach((key, value) -> numbers.put(key, ((Number) value).longValue()));
        return numbers;
    }
}
