package io.tidings.edition;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.article.DigestArticle;
import io.tidings.delivery.MessageComposer.Composed;
import io.tidings.subscription.Frequency;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false)
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:renderer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@Property(name = "tidings.delivery.workers", value = "0")
@Property(name = "tidings.editions.schedule-enabled", value = "false")
@Property(name = "tidings.articles.load-samples", value = "false")
@Property(name = "tidings.editions.list-unsubscribe-mailto", value = "unsubscribe@news.example")
@Property(name = "tidings.editions.max-articles", value = "2")
@Property(name = "tidings.articles.site-url", value = "https://site.example/articles")
// One-click unsubscribing needs https links (RFC 8058); EditionTest checks that plain http gets none.
@Property(name = "tidings.site.public-base-url", value = "https://news.example")
class DigestRendererTest {

    @Inject
    DigestRenderer renderer;

    private final EditionContent content = new EditionContent(1L, Frequency.DAILY, Instant.parse("2026-11-23T07:00:00Z"),
            List.of(new DigestArticle(1, "https://site.example/a?x=1&y=2", "Fever \"myths\" & facts", "Keep calm.",
                    null, Instant.parse("2026-11-22T10:00:00Z"), false)), Map.of());

    @Test
    void each_reader_gets_their_own_escaped_name_and_links_in_one_rendered_shell() {
        DigestRenderer.Shell shell = renderer.render(content, content.articles(), true, false);

        Composed ann = renderer.merge(shell, "Ann <script>", "https://news.example/unsubscribe?token=a&b", "https://news.example/p?token=a");
        Composed bob = renderer.merge(shell, "Bob", "https://news.example/unsubscribe?token=b", "https://news.example/p?token=b");

        assertThat(ann.html().text()).contains("Hello Ann &lt;script&gt;,").contains("unsubscribe?token=a&amp;b")
                .contains("Fever &quot;myths&quot; &amp; facts").contains("href=\"https://site.example/a?x=1&amp;y=2\"");
        assertThat(ann.text().text()).contains("Hello Ann <script>,").contains("Fever \"myths\" & facts");
        assertThat(bob.html().text()).contains("Hello Bob,").doesNotContain("Ann").contains("unsubscribe?token=b");
        assertThat(ann.subject()).isEqualTo("Tidings daily digest, Monday 23 November 2026: Fever \"myths\" & facts");
    }

    @Test
    void past_the_configured_cap_the_newest_articles_are_listed_and_the_rest_counted_with_a_link_to_the_site() {
        List<DigestArticle> three = List.of(article(3, "Newest"), article(2, "Middle"), article(1, "Oldest"));

        Composed capped = renderer.merge(renderer.render(content, three, false, false), null, "https://news.example/u", "https://news.example/p");
        Composed within = renderer.merge(renderer.render(content, three.subList(0, 2), false, false), null, "https://news.example/u", "https://news.example/p");

        assertThat(capped.text().text()).contains("Newest").contains("Middle").doesNotContain("Oldest")
                .contains("And 1 more article on Tidings:\nhttps://site.example/articles/\n");
        assertThat(capped.html().text()).contains("Newest").contains("Middle").doesNotContain("Oldest")
                .contains("href=\"https://site.example/articles/\"").contains(">And 1 more article on Tidings</a>");
        assertThat(capped.subject()).endsWith(": Newest");
        assertThat(within.text().text()).contains("Middle").doesNotContain("more article");
        assertThat(within.html().text()).doesNotContain("more article");
    }

    @Test
    void the_plain_text_has_a_blank_line_between_articles_lines_of_at_most_72_characters_whole_links_and_a_signature_separator() {
        String longSummary = "Most babies sleep through the night by six months, but many do not, and the evidence says both are normal. "
                .repeat(2).strip();
        String longUrl = "https://site.example/articles/" + "a-very-long-slug-".repeat(6) + "end";
        List<DigestArticle> two = List.of(
                new DigestArticle(2, longUrl, "Sleep", longSummary, null, Instant.parse("2026-11-22T10:00:00Z"), false),
                new DigestArticle(1, "https://site.example/b", "Teething", "Short.", null, Instant.parse("2026-11-21T10:00:00Z"), false));
        String longName = "Maximiliane " + "Wolfeschlegelsteinhausen ".repeat(3) + "Bergerdorff";

        String text = renderer.merge(renderer.render(content, two, true, false), longName,
                "https://news.example/unsubscribe?token=" + "t".repeat(80), "https://news.example/p?token=t").text().text();

        assertThat(text.lines().filter(line -> !line.startsWith("https://")).mapToInt(String::length).max().orElseThrow())
                .isLessThanOrEqualTo(72);
        assertThat(text.lines()).contains(longUrl, "https://news.example/unsubscribe?token=" + "t".repeat(80), "-- ");
        assertThat(text).contains(longUrl + "\n\nTeething\n").contains("\n\n-- \nTidings · ").doesNotContain("\n\n\n");
        assertThat(text.replace("\n", " ")).contains(longSummary).contains("Hello " + longName + ",");
    }

    @Test
    void the_html_part_is_a_standards_mode_document_whose_preheader_is_the_lead_summary_with_a_colour_scheme_hint() {
        String html = renderer.merge(renderer.render(content, content.articles(), false, false), null,
                "https://news.example/u", "https://news.example/p").html().text();

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta name=\"color-scheme\" content=\"light dark\">")
                .contains("@media (prefers-color-scheme: dark)");
        assertThat(html.indexOf("Keep calm.")).isLessThan(html.indexOf("Hello,"));
    }

    @Test
    void an_article_dated_by_its_first_sighting_says_when_it_was_added_instead_of_a_publication_date() {
        DigestArticle undated = new DigestArticle(5, "https://site.example/u", "Undated", "No date given.", null,
                Instant.parse("2026-11-22T10:00:00Z"), true);

        Composed composed = renderer.merge(renderer.render(content, List.of(content.articles().get(0), undated), false, false),
                null, "https://news.example/u", "https://news.example/p");

        assertThat(composed.text().text()).contains("Undated\nAdded Nov 22, 2026\n").contains("facts\nNov 22, 2026\n");
        assertThat(composed.html().text()).contains(">Added Nov 22, 2026<");
    }

    private static DigestArticle article(long id, String title) {
        return new DigestArticle(id, "https://site.example/articles/" + id, title, "Summary.", null,
                Instant.parse("2026-11-22T10:00:00Z").plusSeconds(id), false);
    }

    @Test
    void list_unsubscribe_carries_the_https_link_and_the_configured_mailto() {
        Composed composed = renderer.merge(renderer.render(content, content.articles(), false, false), null,
                "https://news.example/unsubscribe?token=t", "https://news.example/p?token=t");

        assertThat(composed.headers())
                .containsEntry("List-Unsubscribe", "<https://news.example/unsubscribe?token=t>, <mailto:unsubscribe@news.example?subject=unsubscribe>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .containsEntry("List-Id", "Tidings daily digest <daily.digest.tidings.localhost>");
        assertThat(composed.html().text()).contains("Hello,").contains("max-width:600px");
    }
}
