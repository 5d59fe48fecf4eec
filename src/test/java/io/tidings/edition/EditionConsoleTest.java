package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.HtmlChecker;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An edition's page in the console over HTTP: what it shows, where its forms land, its preview. */
@MicronautTest(transactional = false)
class EditionConsoleTest extends ServiceTest {

    private static final String PAGE = "/admin/dashboard/editions/";

    private long edition;
    private long ana;

    @BeforeEach
    void anEdition() {
        given.clear();
        given.article("Teething", clock.instant(), "baby");
        given.article("Fertility myths", clock.instant(), "fertility");
        ana = given.reader("ana.lima@example.com", "Ana Lima", "WEEKLY", "CONFIRMED", "baby");
        given.reader("bo@example.com", "Bo Berg", "WEEKLY", "CONFIRMED");
        edition = ((Number) Json.object(Json.object(http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin()).body()),
                "edition").get("id")).longValue();
    }

    @Test
    void the_page_shows_the_progress_the_articles_and_the_controls() {
        awaitMessagesTo("bo@example.com", 1);
        HttpResponse<String> page = http.get(PAGE + edition, asPage());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Edition #" + edition + "</h1>")
                .contains("Teething").contains("Fertility myths")
                .contains("action=\"" + PAGE + edition + "/pause\"")
                .contains("action=\"" + PAGE + edition + "/test\"")
                .contains("aria-live=\"polite\"");
        // Both digests are sent, if not yet counted: the page shows what the outbox says at its loading.
        Map<String, Object> json = Json.object(http.get("/admin/editions/" + edition, asAdmin()).body());
        assertThat(json).containsEntry("bounced", 0);
        assertThat(page.body()).contains("data-count=\"bounced\">0<");
        assertThat(HtmlChecker.errors(page.body())).as("valid HTML").isEmpty();
        assertThat(HtmlChecker.errors(http.get(PAGE + edition + "?q=lima", asPage()).body())).isEmpty();
        assertThat(HtmlChecker.errors(http.get("/admin/dashboard/editions", asPage()).body())).as("the list").isEmpty();
    }

    @Test
    void the_forms_land_back_on_the_editions_page_and_a_refusal_shows_it_with_the_reason() {
        HttpResponse<String> paused = http.postForm(PAGE + edition + "/pause", Map.of(), asPage());
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(paused.headers().firstValue("Location")).hasValue(PAGE + edition + "?done=paused");
        assertThat(http.get(PAGE + edition + "?done=paused", asPage()).body())
                .contains("The edition is paused").contains("data-state=\"paused\"");

        HttpResponse<String> test = http.postForm(PAGE + edition + "/test", Map.of("to", "me@example.com"), asPage());
        assertThat(test.headers().firstValue("Location")).hasValue(PAGE + edition + "?done=test-queued");

        http.postForm(PAGE + edition + "/cancel", Map.of(), asPage());
        HttpResponse<String> refused = http.postForm(PAGE + edition + "/resume", Map.of(), asPage());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("<h1>Edition #" + edition + "</h1>").contains("was cancelled");
    }

    @Test
    void sending_now_from_the_editions_page_lands_on_the_new_editions_page() {
        given.clear();
        given.article("Naps", clock.instant());
        given.reader("daily@example.com", null, "DAILY", "CONFIRMED");

        HttpResponse<String> sent = http.postForm("/admin/dashboard/editions", Map.of("frequency", "daily"), asPage());

        long made = sql.count("SELECT MAX(id) FROM edition");
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).hasValue(PAGE + made + "?done=queued");
        assertThat(http.get(PAGE + made + "?done=queued", asPage()).body()).contains("The edition is queued and sending");
    }

    @Test
    void a_search_lists_readers_to_preview_as_and_the_preview_greets_the_chosen_one_without_their_links() {
        String found = http.get(PAGE + edition + "?q=LIMA", asPage()).body();
        assertThat(found).contains("Preview as Ana Lima &lt;ana.lima@example.com&gt;")
                .contains("href=\"" + PAGE + edition + "/preview?reader=" + ana + "\"")
                .doesNotContain("bo@example.com");
        assertThat(http.get(PAGE + edition + "?q=nobody", asPage()).body()).contains("No reader matches that.");

        HttpResponse<String> preview = http.get(PAGE + edition + "/preview?reader=" + ana, asPage());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Hello Ana Lima,").contains("Teething")
                .as("Ana chose only baby articles").doesNotContain("Fertility myths")
                .as("her own links would act for her").doesNotContain("token=");
        assertThat(preview.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; "
                        + "frame-ancestors 'none'; base-uri 'none'");

        String sample = http.get(PAGE + edition + "/preview", asPage()).body();
        assertThat(sample).contains("Hello,").contains("Teething").contains("Fertility myths").doesNotContain("Ana");
    }

    @Test
    void unknown_editions_and_readers_and_bad_ids_get_readable_pages() {
        HttpResponse<String> missing = http.get(PAGE + "999999", asPage());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(http.get(PAGE + edition + "/preview?reader=999999", asPage()).statusCode()).isEqualTo(404);
        assertThat(http.get(PAGE + "abc", asPage()).statusCode()).isEqualTo(400);
        assertThat(http.get(PAGE + edition + "/preview?reader=abc", asPage()).statusCode()).isEqualTo(400);
        assertThat(http.postForm(PAGE + "999999/pause", Map.of(), asPage()).statusCode()).isEqualTo(404);
    }

    /** The operator's bearer token, asking for pages as a browser does. */
    private static String[] asPage() {
        return new String[] {"Authorization", "Bearer " + ADMIN_TOKEN, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"};
    }
}
