package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ArticleImportTest extends ServiceTest {

    @BeforeEach
    void setUp() {
        sql.update("DELETE FROM article");
    }

    private HttpResponse<String> importPage(String query, String text) {
        return http.post("/admin/articles/import" + query, "text/plain; charset=utf-8", text, asAdmin());
    }

    static String fixture(String name) {
        try (InputStream in = ArticleImportTest.class.getResourceAsStream("/pages/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_scraped_page_becomes_one_article_and_the_answer_shows_what_was_parsed() {
        HttpResponse<String> response = importPage("", fixture("coffee-while-breastfeeding"));

        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> body = Json.object(response.body());
        assertThat(body).containsEntry("outcome", "created");
        assertThat(Json.object(body, "parsed")).containsEntry("title", "Is Coffee Safe While Breastfeeding?")
                .containsEntry("author", "Dr. Jane Roe").containsEntry("date", "2024-03-02")
                .containsEntry("paragraphs", 3);
        assertThat(Json.object(body, "article"))
                .containsEntry("url", "http://localhost:8080/articles/is-coffee-safe-while-breastfeeding")
                .containsEntry("publishedAt", "2024-03-02T00:00:00Z")
                .containsEntry("dateEstimated", false)
                .containsEntry("source", "import")
                .containsEntry("topics", List.of("baby", "postpartum"));
        assertThat((String) Json.object(body, "article").get("summary")).startsWith("In short, a cup or two of coffee");
    }

    @Test
    void a_page_without_a_date_is_dated_by_its_import_and_marked_as_estimated() {
        HttpResponse<String> response = importPage("", fixture("tummy-time"));

        Map<String, Object> article = Json.object(Json.object(response.body()), "article");
        assertThat(article).containsEntry("dateEstimated", true);
        assertThat(article.get("publishedAt")).isEqualTo(article.get("firstSeenAt"));
    }

    @Test
    void importing_the_same_page_again_changes_nothing() {
        importPage("", fixture("tummy-time"));
        String stored = sql.text("SELECT content_hash || updated_at FROM article");

        HttpResponse<String> again = importPage("", fixture("tummy-time"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.object(again.body())).containsEntry("outcome", "unchanged");
        assertThat(sql.text("SELECT content_hash || updated_at FROM article")).isEqualTo(stored);
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isEqualTo(1);
    }

    @Test
    void a_page_repeated_twice_imports_as_the_one_article_it_is() {
        importPage("", fixture("morning-sickness-repeated"));
        String single = fixture("morning-sickness-repeated").split("Share via")[0] + "Share via\n";

        HttpResponse<String> once = importPage("", single);

        assertThat(Json.object(once.body())).containsEntry("outcome", "unchanged");
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isEqualTo(1);
    }

    @Test
    void url_and_topics_parameters_win_over_the_slug_and_the_keyword_map() {
        HttpResponse<String> response = importPage("?url=https://site.example/p/42&topics=fertility,baby",
                fixture("tummy-time"));

        assertThat(Json.object(Json.object(response.body()), "article"))
                .containsEntry("url", "https://site.example/p/42")
                .containsEntry("topics", List.of("baby", "fertility"));
    }

    @Test
    void an_unknown_topic_or_a_bad_url_parameter_gets_422_naming_it() {
        HttpResponse<String> topic = importPage("?topics=cooking", fixture("tummy-time"));
        HttpResponse<String> url = importPage("?url=ftp://site.example/x", fixture("tummy-time"));

        assertThat(topic.statusCode()).isEqualTo(422);
        assertThat(topic.body()).contains("\"field\":\"topics\"");
        assertThat(url.statusCode()).isEqualTo(422);
        assertThat(url.body()).contains("\"field\":\"url\"");
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n  ", "\u0000\u0001\u0002binary\u0000\u0000\u0003\u0004", "Only a title line"})
    void an_empty_binary_or_titled_but_empty_page_gets_a_4xx_problem(String text) {
        HttpResponse<String> response = importPage("", text);

        assertThat(response.statusCode()).isBetween(400, 422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sql.count("SELECT COUNT(*) FROM article")).isZero();
    }

    @Test
    void a_json_body_on_the_import_path_gets_415() {
        HttpResponse<String> response = http.postJson("/admin/articles/import", "{}", asAdmin());

        assertThat(response.statusCode()).isEqualTo(415);
    }
}
