package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a feed's items become: formats, text, dates, topics, de-duplication, the back catalogue, bad items. */
@MicronautTest(transactional = false)
class FeedImportTest extends FeedTestBase {

    @Override
    protected Map<String, String> feedProperties() {
        // The FEEDS form an operator sets in the environment.
        return Map.of("tidings.feed.list", String.join(";",
                        "rss|" + site.url("/rss.xml") + "|pregnancy|1h",
                        "atom|" + site.url("/blog/atom.xml"),
                        "old-rss|" + site.url("/rss091.xml") + "|baby",
                        "again|" + site.url("/again.xml") + "|baby",
                        "moved|" + site.url("/moved.xml") + "|baby",
                        "no-guid|" + site.url("/no-guid.xml") + "|baby",
                        "backfill|" + site.url("/backfill.xml") + "|baby",
                        "undated|" + site.url("/undated.xml") + "|baby",
                        "bad-items|" + site.url("/bad-items.xml") + "|baby"),
                "tidings.feed.backfill-window", "3d");
    }

    @Test
    void rss_2_items_are_stored_with_clean_text_their_dates_and_authors_and_the_feeds_topics() {
        Instant published = clock.instant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        site.serve("/rss.xml", RSS, rss("""
                <item><guid>rss-iron</guid><link>https://site.example/rss/iron</link><title>Iron &amp; you</title>
                  <description><![CDATA[<p>Most people need <b>more iron</b>.</p><script>alert(1)</script>]]></description>
                  <author>jane@site.example (Dr. Jane Roe)</author><pubDate>%s</pubDate></item>""".formatted(rfc822(published)), """
                <item><guid>rss-folate</guid><link>https://site.example/rss/folate</link><title>Folate</title>
                  <dc:creator>Sam Poe</dc:creator>
                  <content:encoded><![CDATA[<h2>Why</h2><p>Folate matters&nbsp;early.</p>]]></content:encoded></item>"""));

        Map<String, Object> result = poll("rss");

        assertThat(result).containsEntry("feed", "rss").containsEntry("status", "ok").containsEntry("items", 2)
                .containsEntry("created", 2).containsEntry("skipped", 0);
        assertThat(article("https://site.example/rss/iron"))
                .containsEntry("title", "Iron & you")
                .containsEntry("summary", "Most people need more iron.")
                .containsEntry("author", "jane@site.example (Dr. Jane Roe)")
                .containsEntry("publishedAt", published.toString())
                .containsEntry("guid", "rss-iron")
                .containsEntry("topics", List.of("pregnancy"))
                .containsEntry("source", "rss")
                .containsEntry("inDigests", true);
        assertThat(article("https://site.example/rss/folate"))
                .containsEntry("author", "Sam Poe")
                .containsEntry("summary", "Why Folate matters early.");
    }

    @Test
    void atom_entries_are_stored_with_relative_links_resolved_and_topics_from_the_keyword_map() {
        Instant published = clock.instant().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
        Instant updated = clock.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        site.serve("/blog/atom.xml", "application/atom+xml; charset=utf-8", """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>The site</title><id>urn:site</id><updated>%2$s</updated>
                  <entry>
                    <title>Teething nights</title><id>urn:site:teething</id>
                    <link rel="alternate" href="https://site.example/atom/teething"/>
                    <published>%1$s</published><updated>%2$s</updated>
                    <author><name>Ann Lee</name></author>
                    <summary type="html">&lt;p&gt;Your &lt;em&gt;baby&lt;/em&gt; gnaws at night.&lt;/p&gt;</summary>
                  </entry>
                  <entry>
                    <title>Reading the strips</title><id>urn:site:strips</id>
                    <link href="../atom/strips"/>
                    <updated>%2$s</updated>
                    <content type="html">&lt;p&gt;When ovulation tests turn positive.&lt;/p&gt;</content>
                  </entry>
                </feed>""".formatted(published, updated));

        Map<String, Object> result = poll("atom");

        assertThat(result).containsEntry("status", "ok").containsEntry("created", 2);
        assertThat(article("https://site.example/atom/teething"))
                .containsEntry("guid", "urn:site:teething")
                .containsEntry("author", "Ann Lee")
                .containsEntry("summary", "Your baby gnaws at night.")
                .containsEntry("publishedAt", published.toString())
                .containsEntry("updatedAt", updated.toString())
                .containsEntry("topics", List.of("baby"));
        assertThat(article(site.url("/atom/strips")))
                .as("a relative link is resolved against the feed's URL; an entry with only <updated> is dated by it")
                .containsEntry("publishedAt", updated.toString())
                .containsEntry("topics", List.of("fertility"));
    }

    @Test
    void rss_0_91_with_the_netscape_doctype_is_read() {
        site.serve("/rss091.xml", "text/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
                  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
                <rss version="0.91"><channel>
                  <title>Old site</title><link>https://site.example/</link><description>Since 1999</description>
                  <language>en-us</language>
                  <item><title>Caf&eacute; au lait spots</title><link>https://site.example/091/spots</link>
                    <description>Flat, pale &amp; harmless.</description></item>
                </channel></rss>""");

        Map<String, Object> result = poll("old-rss");

        assertThat(result).containsEntry("status", "ok").containsEntry("created", 1);
        assertThat(article("https://site.example/091/spots"))
                .containsEntry("title", "Café au lait spots")
                .containsEntry("summary", "Flat, pale & harmless.")
                .doesNotContainKey("guid");
    }

    @Test
    void the_same_feed_polled_twice_stores_each_item_once() {
        Instant published = clock.instant().minus(Duration.ofHours(5));
        site.serve("/again.xml", RSS, rss(item("again-1", "https://site.example/again/one", "One", published),
                "<item><link>https://site.example/again/two</link><title>Two</title></item>"));

        poll("again");
        Map<String, Object> second = poll("again");

        assertThat(second).containsEntry("status", "ok").containsEntry("items", 2).containsEntry("created", 0)
                .containsEntry("updated", 0).containsEntry("unchanged", 2);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'again'")).isEqualTo(2);
    }

    @Test
    void an_item_whose_link_changed_under_the_same_guid_is_updated_not_duplicated() {
        Instant published = clock.instant().minus(Duration.ofHours(5));
        site.serve("/moved.xml", RSS, rss(item("moved-1", "https://site.example/moved/old", "Moving", published)));
        poll("moved");

        site.serve("/moved.xml", RSS, rss(item("moved-1", "https://site.example/moved/new", "Moving", published)));
        Map<String, Object> result = poll("moved");

        assertThat(result).containsEntry("created", 0).containsEntry("updated", 1);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'moved'")).isEqualTo(1);
        assertThat(sql.text("SELECT url FROM article WHERE guid = 'moved-1'")).isEqualTo("https://site.example/moved/new");
    }

    @Test
    void an_item_without_a_guid_is_known_by_its_link() {
        site.serve("/no-guid.xml", RSS, rss("<item><link>https://site.example/no-guid</link><title>First title</title></item>"));
        poll("no-guid");

        site.serve("/no-guid.xml", RSS, rss("<item><link>https://site.example/no-guid</link><title>Better title</title></item>"));
        Map<String, Object> result = poll("no-guid");

        assertThat(result).containsEntry("created", 0).containsEntry("updated", 1);
        assertThat(article("https://site.example/no-guid")).containsEntry("title", "Better title").doesNotContainKey("guid");
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'no-guid'")).isEqualTo(1);
    }

    @Test
    void the_first_poll_keeps_the_back_catalogue_out_of_digests_and_an_item_first_seen_later_is_news() {
        Instant now = clock.instant();
        site.serve("/backfill.xml", RSS, rss(
                item("bf-old", "https://site.example/bf/old", "Old", now.minus(Duration.ofDays(5))),
                item("bf-recent", "https://site.example/bf/recent", "Recent", now.minus(Duration.ofDays(2))),
                "<item><guid>bf-undated</guid><link>https://site.example/bf/undated</link><title>Undated</title></item>"));

        poll("backfill");

        assertThat(article("https://site.example/bf/old")).as("older than the 3-day window").containsEntry("inDigests", false);
        assertThat(article("https://site.example/bf/recent")).containsEntry("inDigests", true);
        assertThat(article("https://site.example/bf/undated")).as("undated on a first poll: maybe old, so kept out")
                .containsEntry("inDigests", false);

        site.serve("/backfill.xml", RSS, rss(
                item("bf-old", "https://site.example/bf/old", "Old", now.minus(Duration.ofDays(5))),
                item("bf-late", "https://site.example/bf/late", "Late", now.minus(Duration.ofDays(30))),
                "<item><guid>bf-undated-2</guid><link>https://site.example/bf/undated-2</link><title>Undated 2</title></item>"));
        Map<String, Object> later = poll("backfill");

        assertThat(later).containsEntry("created", 2).containsEntry("unchanged", 1);
        assertThat(article("https://site.example/bf/late")).as("first seen on a later poll: news, whatever its date")
                .containsEntry("inDigests", true);
        assertThat(article("https://site.example/bf/undated-2")).containsEntry("inDigests", true);
        assertThat(article("https://site.example/bf/old")).as("stays out").containsEntry("inDigests", false);
    }

    @Test
    void an_item_without_a_date_is_dated_when_first_seen() {
        site.serve("/undated.xml", RSS, rss("<item><guid>undated-1</guid><link>https://site.example/undated</link>"
                + "<title>Undated</title></item>"));
        Instant before = clock.instant();

        poll("undated");

        Map<String, Object> stored = article("https://site.example/undated");
        assertThat(stored.get("publishedAt")).isEqualTo(stored.get("firstSeenAt"));
        assertThat(Instant.parse((String) stored.get("publishedAt"))).isBetween(before, clock.instant());
    }

    @Test
    void items_that_break_the_rules_are_skipped_and_counted_and_the_rest_of_the_feed_is_stored() {
        Instant published = clock.instant().minus(Duration.ofHours(3));
        site.serve("/bad-items.xml", RSS, rss(
                "<item><guid>bad-no-link</guid><title>No link</title></item>",
                item("bad-script", "javascript:alert(1)", "Script link", published),
                item("bad-future", "https://site.example/bad/future", "From the future", clock.instant().plus(Duration.ofDays(3))),
                "<item><guid>bad-no-title</guid><link>https://site.example/bad/untitled</link></item>",
                item("good", "https://site.example/bad/good", "Good", published)));

        Map<String, Object> result = poll("bad-items");

        assertThat(result).containsEntry("status", "ok").containsEntry("items", 5).containsEntry("created", 1)
                .containsEntry("skipped", 4);
        assertThat(sql.count("SELECT COUNT(*) FROM article WHERE source = 'bad-items'")).isEqualTo(1);
        assertThat(sql.count("SELECT items_skipped FROM feed_state WHERE name = 'bad-items'")).isEqualTo(4);
        assertThat(feedView("bad-items")).containsEntry("lastStatus", "ok").containsEntry("itemsSeen", 5)
                .containsEntry("itemsSkipped", 4).containsEntry("errorsTotal", 0);
    }
}
