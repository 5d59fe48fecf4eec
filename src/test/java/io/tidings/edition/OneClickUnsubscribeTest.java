package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8058 one-click unsubscribing is offered where links are https (EditionTest: not over plain http). */
@MicronautTest(transactional = false)
class OneClickUnsubscribeTest extends ServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.site.public-base-url", "https://news.example");
    }

    @Test
    void a_digest_with_https_links_offers_one_click_unsubscribing_next_to_its_https_link() throws Exception {
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)), "baby");
        given.reader("reader@example.com", null, "DAILY", "CONFIRMED");

        http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", asAdmin());
        MimeMessage digest = awaitMessagesTo("reader@example.com", 1).get(0);

        assertThat(digest.getHeader("List-Unsubscribe")[0]).startsWith("<https://news.example/unsubscribe?token=");
        assertThat(digest.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(digest.getHeader("Auto-Submitted")).as("a digest is list mail, not a one-off").isNull();
    }
}
