package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.HtmlChecker;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's readers pages over HTTP: search and filters a page at a time, a reader's record, resend and erase. */
@MicronautTest(transactional = false)
class ReaderConsoleTest extends ServiceTest {

    private static final Pattern ROW = Pattern.compile("<tr data-reader=\"(\\d+)\">");
    private static final Pattern NEXT = Pattern.compile("rel=\"next\"\\s+href=\"([^\"]+)\"");

    @BeforeEach
    void setUp() {
        given.clear();
    }

    @Test
    void search_and_filters_find_readers_a_page_at_a_time_newest_first() {
        given.readers("page", 55);
        long dee = given.reader("dee@example.com", "Dee Pending", "DAILY", "PENDING", "baby");
        long eve = given.reader("eve@example.com", "Eve", "WEEKLY", "UNSUBSCRIBED", "pregnancy");

        String first = page("/admin/dashboard/readers");
        assertThat(first).contains("<h1>Readers</h1>");
        assertThat(count(first, ROW)).isEqualTo(50);
        assertThat(ids(first)).startsWith(eve, dee);
        Matcher next = NEXT.matcher(first);
        assertThat(next.find()).isTrue();
        String second = page(next.group(1).replace("&amp;", "&"));
        assertThat(count(second, ROW)).isEqualTo(7);
        assertThat(second).doesNotContain("rel=\"next\"");

        assertThat(ids(page("/admin/dashboard/readers?q=" + Http.encode("DEE pend")))).containsExactly(dee);
        assertThat(ids(page("/admin/dashboard/readers?state=pending"))).containsExactly(dee);
        assertThat(ids(page("/admin/dashboard/readers?topic=baby&frequency=daily"))).containsExactly(dee);
        String pregnancy = page("/admin/dashboard/readers?topic=pregnancy");
        assertThat(ids(pregnancy)).as("those who chose it, and the 55 who chose no topic and so get all")
                .hasSize(50).contains(eve).doesNotContain(dee);
        assertThat(page("/admin/dashboard/readers?q=" + Http.encode("%"))).contains("No reader matches.");
        assertThat(http.get("/admin/subscribers?topic=baby&frequency=daily", asAdmin()).body())
                .as("the JSON list takes the same filters").contains("\"total\":1").contains("dee@example.com");

        HttpResponse<String> bad = http.get("/admin/dashboard/readers?state=gone", asPageAsAdmin());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Those filters cannot be used").contains("<h1>Readers</h1>");
        assertThat(http.get("/admin/dashboard/readers?before=x", asPageAsAdmin()).statusCode()).isEqualTo(400);
    }

    @Test
    void a_readers_page_shows_consents_mail_and_bounces() {
        long ann = given.reader("ann@example.com", "Ann", "WEEKLY", "CONFIRMED", "baby");
        sql.update("""
                INSERT INTO consent_event (subscriber_id, kind, source, policy_version, recorded_at)
                VALUES (?, 'confirmed', 'FORM', '2026-01', TIMESTAMP WITH TIME ZONE '2026-11-30 09:15:00+00')""", ann);
        sql.update("""
                INSERT INTO outbox (kind, subscriber_id, recipient, message_id, status, attempts, due_at, created_at, sent_at)
                VALUES ('DIGEST', ?, 'ann@example.com', '<m1@test>', 'SENT', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""", ann);
        sql.update("""
                INSERT INTO bounce (subscriber_id, recipient, type, status, diagnostic, source, received_at)
                VALUES (?, 'ann@example.com', 'soft', '4.2.2', 'mailbox full', 'smtp', CURRENT_TIMESTAMP)""", ann);

        String page = page("/admin/dashboard/readers/" + ann);

        assertThat(page).contains("<h1>ann@example.com</h1>").contains("2026-11-30 09:15").contains("2026-01")
                .contains("data-kind=\"digest\"").contains("mailbox full").contains("4.2.2");
        assertThat(page).as("a confirmed reader gets no resend button").doesNotContain("id=\"resend\"");
        assertThat(page).doesNotContainIgnoringCase("token_hash").doesNotContain("manage");
        assertThat(http.get("/admin/dashboard/readers/999999", asPageAsAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void a_pending_reader_gets_a_new_confirmation_within_the_per_address_caps() {
        long dee = given.reader("dee@example.com", "Dee", "DAILY", "PENDING", "baby");

        HttpResponse<String> resent = http.postForm("/admin/dashboard/readers/" + dee + "/resend", Map.of(), asAdmin());
        assertThat(resent.statusCode()).isEqualTo(303);
        assertThat(resent.headers().firstValue("Location")).hasValue("/admin/dashboard/readers/" + dee + "?done=queued");
        assertThat(awaitMessagesTo("dee@example.com", 1)).hasSize(1);
        assertThat(sql.count("SELECT COUNT(*) FROM confirmation WHERE subscriber_id = ?", dee)).isEqualTo(1);
        assertThat(page("/admin/dashboard/readers/" + dee + "?done=queued")).contains("A new confirmation email is queued.");

        HttpResponse<String> capped = http.postForm("/admin/dashboard/readers/" + dee + "/resend", Map.of(), asAdmin());
        assertThat(capped.headers().firstValue("Location")).hasValue("/admin/dashboard/readers/" + dee + "?done=capped");
        assertThat(sql.count("SELECT COUNT(*) FROM confirmation WHERE subscriber_id = ?", dee)).as("the cap holds").isEqualTo(1);

        long ann = given.reader("ann@example.com", "Ann", "WEEKLY", "CONFIRMED");
        assertThat(http.postForm("/admin/dashboard/readers/" + ann + "/resend", Map.of(), asAdmin()).headers()
                .firstValue("Location")).hasValue("/admin/dashboard/readers/" + ann + "?done=not_pending");
        assertThat(sql.count("SELECT COUNT(*) FROM confirmation WHERE subscriber_id = ?", ann)).isZero();
    }

    @Test
    void erasing_asks_first_then_erases_as_the_readers_own_erase_me_does() {
        long ann = given.reader("ann@example.com", "Ann", "WEEKLY", "CONFIRMED");
        long erasedBefore = sql.count("SELECT COUNT(*) FROM erased_address");

        HttpResponse<String> asked = http.postForm("/admin/dashboard/readers/" + ann + "/erase", Map.of(), asPageAsAdmin());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Erase this reader?").contains("name=\"confirm\" value=\"yes\"");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE id = ?", ann)).as("nothing before the confirmation").isEqualTo(1);

        HttpResponse<String> erased = http.postForm("/admin/dashboard/readers/" + ann + "/erase", Map.of("confirm", "yes"), asAdmin());
        assertThat(erased.statusCode()).isEqualTo(303);
        assertThat(erased.headers().firstValue("Location")).hasValue("/admin/dashboard/readers?done=erased");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE id = ?", ann)).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM erased_address")).isEqualTo(erasedBefore + 1);
        assertThat(http.postForm("/admin/dashboard/readers/" + ann + "/erase", Map.of("confirm", "yes"), asPageAsAdmin())
                .statusCode()).isEqualTo(404);
    }

    private String page(String path) {
        HttpResponse<String> response = http.get(path, asPageAsAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HtmlChecker.errors(response.body())).as("HTML errors in " + path).isEmpty();
        return response.body();
    }

    private static String[] asPageAsAdmin() {
        return new String[]{"Accept", "text/html", "Authorization", "Bearer " + ADMIN_TOKEN};
    }

    private static int count(String page, Pattern pattern) {
        return (int) pattern.matcher(page).results().count();
    }

    private static List<Long> ids(String page) {
        return ROW.matcher(page).results().map(match -> Long.parseLong(match.group(1))).toList();
    }
}
