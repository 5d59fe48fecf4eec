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
class DigestRendererTest {

    @Inject
    DigestRenderer renderer;

    private final EditionContent content = new EditionContent(1L, Frequency.DAILY, Instant.parse("2026-11-23T07:00:00Z"),
            List.of(new DigestArticle(1, "https://site.example/a?x=1&y=2", "Fever \"myths\" & facts", "Keep calm.",
                    null, Instant.parse("2026-11-22T10:00:00Z"))), Map.of());

    @Test
    void each_reader_gets_their_own_escaped_name_and_links_in_one_rendered_shell() {
        DigestRenderer.Shell shell = renderer.render(content, content.articles(), true, false);

        Composed ann = renderer.merge(shell, "Ann <script>", "https://news.example/unsubscribe?token=a&b", "https://news.example/p?token=a");
        Composed bob = renderer.merge(shell, "Bob", "https://news.example/unsubscribe?token=b", "https://news.example/p?token=b");

        assertThat(ann.html()).contains("Hello Ann &lt;script&gt;,").contains("unsubscribe?token=a&amp;b")
                .contains("Fever &quot;myths&quot; &amp; facts").contains("href=\"https://site.example/a?x=1&amp;y=2\"");
        assertThat(ann.text()).contains("Hello Ann <script>,").contains("Fever \"myths\" & facts");
        assertThat(bob.html()).contains("Hello Bob,").doesNotContain("Ann").contains("unsubscribe?token=b");
        assertThat(ann.subject()).isEqualTo("Tidings daily digest, Monday 23 November 2026: Fever \"myths\" & facts");
    }

    @Test
    void past_the_configured_cap_the_newest_articles_are_listed_and_the_rest_counted_with_a_link_to_the_site() {
        List<DigestArticle> three = List.of(article(3, "Newest"), article(2, "Middle"), article(1, "Oldest"));

        Composed capped = renderer.merge(renderer.render(content, three, false, false), null, "https://news.example/u", "https://news.example/p");
        Composed within = renderer.merge(renderer.render(content, three.subList(0, 2), false, false), null, "https://news.example/u", "https://news.example/p");

        assertThat(capped.text()).contains("Newest").contains("Middle").doesNotContain("Oldest")
                .contains("And 1 more article on Tidings: https://site.example/articles/\n");
        assertThat(capped.html()).contains("Newest").contains("Middle").doesNotContain("Oldest")
                .contains("href=\"https://site.example/articles/\"").contains(">And 1 more article on Tidings</a>");
        assertThat(capped.subject()).endsWith(": Newest");
        assertThat(within.text()).contains("Middle").doesNotContain("more article");
        assertThat(within.html()).doesNotContain("more article");
    }

    private static DigestArticle article(long id, String title) {
        return new DigestArticle(id, "https://site.example/articles/" + id, title, "Summary.", null,
                Instant.parse("2026-11-22T10:00:00Z").plusSeconds(id));
    }

    @Test
    void list_unsubscribe_carries_the_https_link_and_the_configured_mailto() {
        Composed composed = renderer.merge(renderer.render(content, content.articles(), false, false), null,
                "https://news.example/unsubscribe?token=t", "https://news.example/p?token=t");

        assertThat(composed.headers())
                .containsEntry("List-Unsubscribe", "<https://news.example/unsubscribe?token=t>, <mailto:unsubscribe@news.example?subject=unsubscribe>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .containsEntry("List-Id", "Tidings daily digest <daily.digest.tidings.localhost>");
        assertThat(composed.html()).contains("Hello,").contains("max-width:600px");
    }
}
