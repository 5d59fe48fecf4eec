package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import io.tidings.support.HtmlChecker;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's articles pages over HTTP: filters, the next digests, edits, and leaving an article out of digests. */
@MicronautTest(transactional = false)
class ArticleConsoleTest extends ServiceTest {

    private static final String[] PAGE = {"Accept", "text/html", "Authorization", "Bearer " + ADMIN_TOKEN};

    @BeforeEach
    void setUp() throws Exception {
        given.clear();
        smtp.purgeEmailFromAllMailboxes();
        // Each test gets a schedule slot, and so a window of new articles, of its own.
        clock.advance(Duration.ofDays(8));
    }

    @Test
    void the_list_filters_by_source_text_and_publication_date() {
        given.article("Teething signs", clock.instant().minus(Duration.ofHours(2)), "baby");
        given.articles("Flood", 3, clock.instant().minus(Duration.ofHours(1)));

        String all = listed("/admin/dashboard/articles");
        assertThat(all).contains("4 articles").contains("Teething signs").contains("Flood 0003");
        assertThat(all).contains("<option value=\"api\">api</option>").contains("<option value=\"feed\">feed</option>");
        String feed = listed("/admin/dashboard/articles?source=feed");
        assertThat(feed).contains("3 articles").contains("Flood 0001").doesNotContain("Teething signs");
        assertThat(listed("/admin/dashboard/articles?q=TEETH")).contains("1 article<").contains("Teething signs");
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        assertThat(listed("/admin/dashboard/articles?from=" + tomorrow)).contains("0 articles");
        assertThat(listed("/admin/dashboard/articles?to=" + tomorrow)).contains("4 articles");

        HttpResponse<String> bad = http.get("/admin/dashboard/articles?from=yesterday", PAGE);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from: must be a date such as 2026-12-01");
    }

    @Test
    void an_article_left_out_is_not_in_the_next_digests_nor_in_the_edition_composed_until_put_back() {
        long teething = given.article("Teething signs", clock.instant().minus(Duration.ofHours(2)), "baby");
        long scans = given.article("Second trimester scans", clock.instant().minus(Duration.ofHours(1)));
        given.reader("all@example.com", "Alle", "DAILY", "CONFIRMED");
        assertThat(nextDaily()).contains("data-article=\"" + teething + "\"").contains("data-article=\"" + scans + "\"");

        HttpResponse<String> leftOut = http.postForm("/admin/dashboard/articles/" + teething + "/digests",
                Map.of("leftOut", "yes", "back", "list"), PAGE);
        assertThat(leftOut.statusCode()).isEqualTo(303);
        assertThat(leftOut.headers().firstValue("Location")).hasValue("/admin/dashboard/articles?done=left-out");

        assertThat(nextDaily()).doesNotContain("data-article=\"" + teething + "\"").contains("data-article=\"" + scans + "\"");
        assertThat(page("/admin/dashboard/articles/" + teething)).contains("<dd id=\"digest-state\">left out</dd>");
        assertThat(http.get("/admin/editions/preview?frequency=daily", asAdmin()).body())
                .contains("Second trimester scans").doesNotContain("Teething signs");

        HttpResponse<String> triggered = http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", asAdmin());
        long edition = ((Number) Json.object(Json.object(triggered.body()), "edition").get("id")).longValue();
        assertThat(sql.count("SELECT COUNT(*) FROM edition_article WHERE edition_id = ?", edition)).isEqualTo(1);
        assertThat(sql.count("SELECT article_id FROM edition_article WHERE edition_id = ?", edition)).isEqualTo(scans);
        assertThat(Mails.part(awaitMessagesTo("all@example.com", 1).get(0), "text/plain"))
                .contains("Second trimester scans").doesNotContain("Teething signs");

        assertThat(http.postForm("/admin/dashboard/articles/" + teething + "/digests", Map.of("leftOut", "no"), PAGE)
                .headers().firstValue("Location")).hasValue("/admin/dashboard/articles/" + teething + "?done=put-back");
        assertThat(nextWeekly()).as("back in the digests still to come").contains("data-article=\"" + teething + "\"");
        assertThat(http.postForm("/admin/dashboard/articles/" + teething + "/digests", Map.of("leftOut", "maybe"), PAGE)
                .statusCode()).isEqualTo(422);
        assertThat(http.postForm("/admin/dashboard/articles/999999/digests", Map.of("leftOut", "yes"), PAGE).statusCode())
                .isEqualTo(404);
    }

    @Test
    void an_operator_edits_the_title_and_summary_and_a_refused_edit_says_why() {
        long id = given.article("Teething signs", clock.instant().minus(Duration.ofHours(2)), "baby");

        HttpResponse<String> saved = http.postForm("/admin/dashboard/articles/" + id,
                Map.of("title", "  Signs of teething\n", "summary", "What the first tooth looks like."), PAGE);
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/admin/dashboard/articles/" + id + "?done=saved");
        assertThat(sql.text("SELECT title FROM article WHERE id = ?", id)).isEqualTo("Signs of teething");
        assertThat(sql.text("SELECT summary FROM article WHERE id = ?", id)).isEqualTo("What the first tooth looks like.");
        assertThat(page("/admin/dashboard/articles/" + id + "?done=saved")).contains("<h1>Signs of teething</h1>")
                .contains("The title and summary are saved.");

        HttpResponse<String> refused = http.postForm("/admin/dashboard/articles/" + id, Map.of("title", " ", "summary", "x"), PAGE);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Nothing was saved: title: is required");
        assertThat(sql.text("SELECT title FROM article WHERE id = ?", id)).isEqualTo("Signs of teething");
        assertThat(http.postForm("/admin/dashboard/articles/" + id, Map.of("title", "T", "summary", "s".repeat(301)), PAGE)
                .statusCode()).isEqualTo(422);
        assertThat(http.get("/admin/dashboard/articles/999999", PAGE).statusCode()).isEqualTo(404);
    }

    private String nextDaily() {
        String page = page("/admin/dashboard/articles");
        return page.substring(page.indexOf("id=\"next-daily\""), page.indexOf("id=\"next-weekly\""));
    }

    private String nextWeekly() {
        String page = page("/admin/dashboard/articles");
        return page.substring(page.indexOf("id=\"next-weekly\""), page.indexOf("<h2>All articles</h2>"));
    }

    /** The page's list of articles and its filters, without the next digests above them. */
    private String listed(String path) {
        String page = page(path);
        return page.substring(page.indexOf("<h2>All articles</h2>"));
    }

    private String page(String path) {
        HttpResponse<String> response = http.get(path, PAGE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HtmlChecker.errors(response.body())).as("HTML errors in " + path).isEmpty();
        return response.body();
    }
}
