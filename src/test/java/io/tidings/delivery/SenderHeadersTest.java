package io.tidings.delivery;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderHeadersTest {

    private static final Map<String, String> COMPOSED = Map.of("List-Id", "Digest <daily.digest.news.example>");

    @Test
    void feedback_id_names_the_edition_and_the_kind_and_one_off_mail_is_marked_auto_generated() {
        SenderHeaders headers = new SenderHeaders("news-example");

        assertThat(headers.of(new OutgoingEmail(MessageKind.DIGEST, 1L, "r@example.com", null, null, 42L), COMPOSED))
                .containsEntry("Feedback-ID", "edition-42:digest:news-example")
                .containsEntry("List-Id", "Digest <daily.digest.news.example>")
                .doesNotContainKey("Auto-Submitted");
        assertThat(headers.of(new OutgoingEmail(MessageKind.DIGEST_TEST, null, "e@example.com", null, null, 42L), Map.of()))
                .containsEntry("Feedback-ID", "edition-42:digest-test:news-example")
                .containsEntry("Auto-Submitted", "auto-generated");
        assertThat(headers.of(new OutgoingEmail(MessageKind.ADDRESS_CHANGE, 1L, "n@example.com", null, "t"), Map.of()))
                .containsOnly(Map.entry("Feedback-ID", "address-change:news-example"), Map.entry("Auto-Submitted", "auto-generated"));
    }

    @Test
    void without_a_sender_there_is_no_feedback_id_and_a_sender_that_would_break_the_header_stops_the_start() {
        assertThat(new SenderHeaders(" ").of(new OutgoingEmail(MessageKind.CONFIRMATION, 1L, "r@example.com", null, "t"), Map.of()))
                .containsOnly(Map.entry("Auto-Submitted", "auto-generated"));
        for (String bad : new String[]{"a:b", "news\r\nBcc: x@y.z", "x".repeat(65), "nouvelles-é"}) {
            assertThatThrownBy(() -> new SenderHeaders(bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("FEEDBACK_ID_SENDER");
        }
    }
}
