package io.tidings.article;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser's fences: how deep a feed may nest, and how long it may take to read. */
class FeedParserTest {

    private static final Feed FEED = new Feed("blog", URI.create("https://site.example/feed.xml"), List.of(), Duration.ofMinutes(30));
    private static final Deadline NO_HURRY = Deadline.after(Duration.ofMinutes(1), "the check's time budget ran out");

    private static FeedFetcher.Fetched fetched(String xml) {
        return new FeedFetcher.Fetched(xml.getBytes(StandardCharsets.UTF_8), "application/atom+xml", null, null);
    }

    /** An Atom feed of one entry whose XHTML content nests {@code depth} divs. */
    static String atomNested(int depth) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:site</id><updated>2026-11-01T08:00:00Z</updated>
                <entry><title>Nested</title><id>urn:site:nested</id><link href="https://site.example/nested"/>
                <updated>2026-11-01T08:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s</div></content></entry></feed>"""
                .formatted("<div>".repeat(depth) + "deep" + "</div>".repeat(depth));
    }

    @Test
    void xhtml_content_nested_as_deep_as_articles_go_is_read() {
        List<ArticleCandidate> items = new FeedParser(FeedConfigs.withList(null)).parse(fetched(atomNested(60)), FEED, null, NO_HURRY);

        assertThat(items).singleElement().satisfies(item -> assertThat(item.body()).contains("deep"));
    }

    @Test
    void a_feed_nested_deeper_than_the_limit_is_refused_by_the_xml_parser() {
        assertThatThrownBy(() -> new FeedParser(FeedConfigs.withList(null)).parse(fetched(atomNested(20_000)), FEED, null, NO_HURRY))
                .isInstanceOf(PollFailure.class)
                .hasMessageContaining("not an RSS or Atom feed")
                .hasMessageContaining("exceeds the limit \"100\"");
    }

    @Test
    void a_feed_whose_reading_outlasts_the_parse_budget_is_stopped() {
        String items = IntStream.range(0, 20_000).mapToObj(i -> "<entry><title>Item %d</title><id>urn:site:%d</id><link href=\"https://site.example/%d\"/></entry>"
                .formatted(i, i, i)).collect(Collectors.joining("\n"));
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>urn:site</id>" + items + "</feed>";

        assertThatThrownBy(() -> new FeedParser(FeedConfigs.withParseTimeout(Duration.ofMillis(1))).parse(fetched(feed), FEED, null, NO_HURRY))
                .isInstanceOf(PollFailure.class).hasMessageStartingWith("not read within");
        assertThatThrownBy(() -> new FeedParser(FeedConfigs.withList(null)).parse(fetched(feed), FEED, null,
                Deadline.after(Duration.ZERO, "the check's time budget ran out")))
                .as("the check's deadline, when it comes first").isInstanceOf(PollFailure.class)
                .hasMessage("the check's time budget ran out");
    }
}
