package io.tidings.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummariesTest {

    @Test
    void a_short_text_is_kept_with_its_whitespace_collapsed() {
        assertThat(Summaries.cut("  Feed on\tdemand.\n\nRest\u00a0when you can.  ", 300))
                .isEqualTo("Feed on demand. Rest when you can.");
    }

    @Test
    void a_text_of_exactly_max_characters_is_kept_whole() {
        String text = "a".repeat(49) + ".";
        assertThat(Summaries.cut(text, 50)).isEqualTo(text);
    }

    @Test
    void a_long_text_is_cut_at_the_last_sentence_end_within_max() {
        String text = "Babies sleep a lot. Newborns wake to feed every few hours! Is that normal? Yes, and it passes.";
        assertThat(Summaries.cut(text, 80)).isEqualTo("Babies sleep a lot. Newborns wake to feed every few hours! Is that normal?");
    }

    @Test
    void a_sentence_end_inside_closing_quotes_or_brackets_keeps_them() {
        String text = "Midwives call it \"the fourth trimester.\" The first twelve weeks after birth bring big changes.";
        assertThat(Summaries.cut(text, 60)).isEqualTo("Midwives call it \"the fourth trimester.\"");
    }

    @Test
    void a_sentence_end_too_early_gives_a_word_boundary_cut_with_an_ellipsis() {
        String text = "Yes. Most babies double their birth weight by five months and triple it by their first birthday.";
        String summary = Summaries.cut(text, 40);

        assertThat(summary).isEqualTo("Yes. Most babies double their birth…").hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void a_word_boundary_cut_drops_trailing_punctuation_before_the_ellipsis() {
        assertThat(Summaries.cut("Sleep, feeds, nappies, cuddles, more sleep and more feeds", 24))
                .isEqualTo("Sleep, feeds, nappies…");
    }

    @Test
    void a_period_after_an_honorific_is_not_a_sentence_end() {
        String text = "This advice was checked by our midwife and by Dr. Ann Lee of the clinic before it went up.";
        assertThat(Summaries.cut(text, 60)).isEqualTo("This advice was checked by our midwife and by Dr. Ann Lee…");
    }

    @Test
    void a_single_long_word_is_cut_hard() {
        assertThat(Summaries.cut("a".repeat(30), 10)).isEqualTo("a".repeat(9) + "…");
    }

    @Test
    void a_max_too_small_for_an_ellipsis_is_a_programming_error() {
        assertThatThrownBy(() -> Summaries.cut("text", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
