package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed is untrusted input: how deep it may nest, how long it may take to read, how many items a poll takes. */
@MicronautTest(transactional = false)
class FeedFencesTest extends FeedTestBase {

    private static final Duration PARSE_TIMEOUT = Duration.ofSeconds(5);

    @Override
    protected Map<String, String> feedProperties() {
        return Map.of("tidings.feed.list", String.join(";",
                        "atom-bomb|" + site.url("/atom-bomb.xml"),
                        "rss-bomb|" + site.url("/rss-bomb.xml"),
                        "deep|" + site.url("/deep.xml"),
                        "many|" + site.url("/many.xml"),
                        "few-dated|" + site.url("/few-dated.xml")),
                "tidings.feed.parse-timeout", PARSE_TIMEOUT.toSeconds() + "s");
    }

    /** {@code depth} nested elements: Atom XHTML content, or an RSS description with markup in it. */
    private static String nested(String format, int depth) {
        return format.equals("atom") ? FeedParserTest.atomNested(depth) : rss("""
                <item><guid>deep</guid><link>https://site.example/deep</link><title>Deep</title>
                <description>%s</description></item>""".formatted("<b>".repeat(depth) + "deep" + "</b>".repeat(depth)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void a_feed_nested_20000_deep_is_that_feeds_error_and_the_poll_endpoint_reports_it(String format) {
        String name = format + "-bomb";
        site.serve("/" + name + ".xml", RSS, nested(format, 20_000));

        HttpResponse<String> response = http.post("/admin/feeds/" + name + "/poll", "application/json", "", asAdmin());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.object(response.body())).containsEntry("status", "error")
                .hasEntrySatisfying("error", error -> assertThat((String) error).startsWith("not an RSS or Atom feed")
                        .contains("exceeds the limit \"100\""));
        assertThat(feedView(name)).containsEntry("lastStatus", "error").containsEntry("consecutiveErrors", 1);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = ?", name)).isZero();
    }

    @Test
    void a_feed_nested_100000_deep_is_refused_within_the_parse_budget_instead_of_read_for_seconds() {
        site.serve("/deep.xml", RSS, nested("rss", 100_000));

        long started = System.nanoTime();
        Map<String, Object> result = poll("deep");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result).containsEntry("status", "error");
        assertThat(took).isLessThan(PARSE_TIMEOUT);
    }

    @Test
    void a_poll_takes_the_newest_100_items_and_undated_ones_last() {
        Instant now = clock.instant();
        List<String> items = new ArrayList<>(IntStream.range(0, 2_990)
                .mapToObj(i -> item("m-" + i, "https://site.example/many/" + i, "Many " + i, now.minus(Duration.ofMinutes(i))))
                .toList());
        Collections.shuffle(items, new Random(7));
        IntStream.range(0, 10).forEach(i -> items.add(0, undated("m-undated-" + i, "https://site.example/many/undated/" + i)));
        site.serve("/many.xml", RSS, rss(items.toArray(String[]::new)));

        assertThat(poll("many")).containsEntry("status", "ok").containsEntry("items", 100).containsEntry("created", 100);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'many'")).isEqualTo(100);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'many' AND url LIKE 'https://site.example/many/undated/%'")).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'many' AND url IN ('https://site.example/many/0', 'https://site.example/many/99')"))
                .as("the newest and the 100th newest").isEqualTo(2);

        List<String> fewDated = new ArrayList<>(IntStream.range(0, 10)
                .mapToObj(i -> undated("f-undated-" + i, "https://site.example/few/undated/" + i)).toList());
        IntStream.range(0, 95).forEach(i -> fewDated.add(item("f-" + i, "https://site.example/few/" + i, "Few " + i,
                now.minus(Duration.ofHours(i)))));
        site.serve("/few-dated.xml", RSS, rss(fewDated.toArray(String[]::new)));

        assertThat(poll("few-dated")).containsEntry("items", 100).containsEntry("created", 100);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'few-dated' AND url IN ('https://site.example/few/undated/0', 'https://site.example/few/undated/4')"))
                .as("the first undated ones in the feed's order, after every dated one").isEqualTo(2);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'few-dated' AND url = 'https://site.example/few/undated/5'")).isZero();
    }

    private static String undated(String guid, String link) {
        return "<item><guid isPermaLink=\"false\">%s</guid><link>%s</link><title>Undated</title></item>".formatted(guid, link);
    }
}
