package io.tidings.article;

import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.AfterAll;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service with feeds published by a {@link FeedServer}; a subclass names its feeds. */
abstract class FeedTestBase extends ServiceTest {

    protected static final String RSS = "application/rss+xml";

    protected final FeedServer site = new FeedServer();

    /** The feeds and feed settings of the test class. */
    protected abstract Map<String, String> feedProperties();

    @Override
    protected Map<String, String> extraProperties() {
        return FeedServer.readerOfTestSites(feedProperties());
    }

    @AfterAll
    void stopSite() {
        site.close();
    }

    /** {@code POST /admin/feeds/{name}/poll}, which must answer 200. */
    protected Map<String, Object> poll(String feed) {
        HttpResponse<String> response = http.post("/admin/feeds/" + feed + "/poll", "application/json", "", asAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.object(response.body());
    }

    /** The stored article at a URL, as {@code GET /admin/articles} shows it. */
    protected Map<String, Object> article(String url) {
        return articles().stream().filter(article -> url.equals(article.get("url"))).findFirst()
                .orElseThrow(() -> new AssertionError("no article at " + url + " in " + articles()));
    }

    protected List<Map<String, Object>> articles() {
        HttpResponse<String> response = http.get("/admin/articles?size=100", asAdmin());
        return Json.list(Json.object(response.body()), "items");
    }

    /** The feed as {@code GET /admin/feeds} shows it. */
    protected Map<String, Object> feedView(String name) {
        HttpResponse<String> response = http.get("/admin/feeds", asAdmin());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.list(Json.object(response.body()), "feeds").stream()
                .filter(feed -> name.equals(feed.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no feed " + name + " in " + response.body()));
    }

    /** A feed URL on which nothing answers: its connections are refused. */
    protected static String unreachableUrl() {
        return "http://127.0.0.1:" + freePort() + "/feed.xml";
    }

    /** An RSS 2.0 document around the given items. */
    protected static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
                     xmlns:content="http://purl.org/rss/1.0/modules/content/">
                <channel><title>The site</title><link>https://site.example/</link><description>Articles</description>
                %s
                </channel></rss>""".formatted(String.join("\n", items));
    }

    /** An RSS item with a guid, a link, a title and a date. */
    protected static String item(String guid, String link, String title, Instant published) {
        return "<item><guid isPermaLink=\"false\">%s</guid><link>%s</link><title>%s</title><pubDate>%s</pubDate></item>"
                .formatted(guid, link, title, rfc822(published));
    }

    /** A date as RSS writes it: {@code Tue, 3 Jun 2008 11:05:30 GMT}. */
    protected static String rfc822(Instant time) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }
}
