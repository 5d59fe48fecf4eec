package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ArticleApiTest extends ServiceTest {

    @BeforeEach
    void setUp() {
        sql.update("DELETE FROM article");
    }

    private HttpResponse<String> upsert(String json) {
        return http.postJson("/admin/articles", json, asAdmin());
    }

    private static String article(String url, String title, String summary) {
        return """
                {"url":"%s","title":"%s","summary":"%s","author":"Dr. Jane Roe",
                 "publishedAt":"2026-11-01T08:00:00Z","topics":["baby"]}""".formatted(url, title, summary);
    }

    @Test
    void the_same_article_sent_twice_is_stored_once_and_unchanged() {
        HttpResponse<String> first = upsert(article("https://site.example/tummy-time", "Tummy time", "Start early."));
        HttpResponse<String> second = upsert(article("https://site.example/tummy-time", "Tummy time", "Start early."));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(Json.object(first.body())).containsEntry("outcome", "created");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(Json.object(second.body())).containsEntry("outcome", "unchanged");
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isEqualTo(1);
        Map<String, Object> stored = Json.object(Json.object(second.body()), "article");
        assertThat(stored).containsEntry("title", "Tummy time").containsEntry("author", "Dr. Jane Roe")
                .containsEntry("source", "api").containsEntry("topics", List.of("baby"))
                .containsEntry("publishedAt", "2026-11-01T08:00:00Z")
                .containsEntry("leftOut", false)
                .containsOnlyKeys("id", "url", "title", "summary", "author", "publishedAt", "dateEstimated", "updatedAt", "topics",
                        "source", "contentHash", "firstSeenAt", "inDigests", "leftOut");
    }

    @Test
    void a_changed_title_or_summary_updates_the_article_and_its_updated_time() {
        upsert(article("https://site.example/fever", "Fever in babies", "When to call."));
        String firstSeen = sql.text("SELECT first_seen_at FROM article");
        clock.advance(Duration.ofHours(3));
        Instant changedAfter = clock.instant();

        HttpResponse<String> changed = upsert(article("https://site.example/fever", "Fever in babies, revised", "When to call a doctor."));

        assertThat(changed.statusCode()).isEqualTo(200);
        Map<String, Object> body = Json.object(changed.body());
        assertThat(body).containsEntry("outcome", "updated");
        Map<String, Object> stored = Json.object(body, "article");
        assertThat(stored).containsEntry("title", "Fever in babies, revised")
                .containsEntry("summary", "When to call a doctor.");
        assertThat(Instant.parse((String) stored.get("updatedAt"))).isBetween(changedAfter, clock.instant());
        assertThat(sql.text("SELECT first_seen_at FROM article")).as("first seen stays").isEqualTo(firstSeen);
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isEqualTo(1);
    }

    @Test
    void an_article_is_found_again_by_its_guid_when_its_url_moved() {
        upsert("""
                {"url":"https://site.example/old","guid":"post-17","title":"Sleep","summary":"Short."}""");
        HttpResponse<String> moved = upsert("""
                {"url":"https://site.example/new","guid":"post-17","title":"Sleep","summary":"Short."}""");

        assertThat(Json.object(moved.body())).containsEntry("outcome", "updated");
        assertThat(sql.text("SELECT url FROM article")).isEqualTo("https://site.example/new");
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isEqualTo(1);
    }

    @Test
    void concurrent_upserts_of_one_url_store_one_article() throws Exception {
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, writers).<Callable<Integer>>mapToObj(i -> () -> {
                start.await();
                return upsert(article("https://site.example/race", "Race", "Same body.")).statusCode();
            }).toList();
            List<Future<Integer>> results = calls.stream().map(pool::submit).toList();
            start.countDown();
            List<Integer> statuses = results.stream().map(ArticleApiTest::get).toList();

            assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM article_topic")).isEqualTo(1);
    }

    private static int get(Future<Integer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void html_scripts_and_line_breaks_become_clean_single_line_text() {
        HttpResponse<String> response = upsert("""
                {"url":"HTTPS://Site.Example/a#comments","title":"Line\\r\\nBcc: x@evil.example",
                 "content":"<p>First <b>bold</b> words.</p><script>alert(1)</script>"}""");

        Map<String, Object> stored = Json.object(Json.object(response.body()), "article");
        assertThat(stored).containsEntry("title", "Line Bcc: x@evil.example")
                .containsEntry("url", "https://site.example/a")
                .containsEntry("summary", "First bold words.");
    }

    @Test
    void topics_come_from_the_keyword_map_when_none_are_given() {
        HttpResponse<String> response = upsert("""
                {"url":"https://site.example/k","title":"Teething and sleep","summary":"Your newborn and the first trimester."}""");

        assertThat(Json.object(Json.object(response.body()), "article"))
                .containsEntry("topics", List.of("baby", "pregnancy"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing title          | {"url":"https://site.example/x"}                                          | title
            blank title            | {"url":"https://site.example/x","title":"  "}                             | title
            missing url            | {"title":"T"}                                                             | url
            ftp url                | {"url":"ftp://site.example/x","title":"T"}                                | url
            javascript url         | {"url":"javascript:alert(1)","title":"T"}                                 | url
            relative url           | {"url":"/x","title":"T"}                                                  | url
            date far in the future | {"url":"https://site.example/x","title":"T","publishedAt":"2099-01-01"}   | publishedAt
            not a date             | {"url":"https://site.example/x","title":"T","publishedAt":"yesterday"}    | publishedAt
            unknown topic          | {"url":"https://site.example/x","title":"T","topics":["cooking"]}         | topics
            """)
    void bad_input_gets_422_problem_json_naming_the_field(String name, String json, String field) {
        HttpResponse<String> response = upsert(json);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.list(Json.object(response.body()), "errors")).extracting(e -> e.get("field")).contains(field);
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isZero();
    }

    @Test
    void a_body_over_one_megabyte_is_refused_with_413_problem_json() {
        String huge = "{\"url\":\"https://site.example/x\",\"title\":\"T\",\"content\":\"" + "a".repeat(1_100_000) + "\"}";

        HttpResponse<String> response = upsert(huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isZero();
    }

    @Test
    void malformed_json_is_refused_with_400_problem_json() {
        HttpResponse<String> response = upsert("{\"url\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void the_list_is_newest_first_paged_and_filtered_by_topic_and_time() {
        for (int day = 1; day <= 5; day++) {
            upsert("""
                    {"url":"https://site.example/%d","title":"Day %d","publishedAt":"2026-11-0%dT08:00:00Z","topics":["%s"]}"""
                    .formatted(day, day, day, day % 2 == 0 ? "baby" : "pregnancy"));
        }

        Map<String, Object> first = Json.object(http.get("/admin/articles?size=2", asAdmin()).body());
        assertThat(Json.list(first, "items")).extracting(a -> a.get("title")).containsExactly("Day 5", "Day 4");
        assertThat(first).containsEntry("total", 5).containsEntry("page", 0).containsEntry("size", 2);
        Map<String, Object> third = Json.object(http.get("/admin/articles?size=2&page=2", asAdmin()).body());
        assertThat(Json.list(third, "items")).extracting(a -> a.get("title")).containsExactly("Day 1");

        Map<String, Object> baby = Json.object(http.get("/admin/articles?topic=baby", asAdmin()).body());
        assertThat(Json.list(baby, "items")).extracting(a -> a.get("title")).containsExactly("Day 4", "Day 2");

        Map<String, Object> window = Json.object(http.get(
                "/admin/articles?since=2026-11-02&until=2026-11-04T00:00:00Z", asAdmin()).body());
        assertThat(Json.list(window, "items")).extracting(a -> a.get("title")).containsExactly("Day 3", "Day 2");
    }

    @Test
    void bad_list_parameters_get_422() {
        assertThat(http.get("/admin/articles?size=1000", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.get("/admin/articles?page=-1", asAdmin()).statusCode()).isEqualTo(422);
        assertThat(http.get("/admin/articles?since=soon", asAdmin()).statusCode()).isEqualTo(422);
    }
}
