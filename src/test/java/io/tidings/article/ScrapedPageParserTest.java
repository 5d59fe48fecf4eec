package io.tidings.article;

import io.tidings.core.FieldError;
import io.tidings.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScrapedPageParserTest {

    // Text from the site's layout that must never reach an article's paragraphs.
    private static final String[] CHROME = {"Profile Photo", "Image for article", "By Dr", "Updated on", "Published",
            "commission", "qualifying purchases", "evidence-based advice", "Your privacy", "Newsletter", "Subscribe",
            "Enter your email", "Share via", "Facebook", "Pinterest", "Related Articles", "Also Read",
            "Leave a Comment", "Buy Me A Coffee", "Table of Contents", "Read more", "Home ›"};

    private final ScrapedPageParser parser = new ScrapedPageParser();

    @Test
    void a_full_byline_gives_author_with_honorific_and_updated_date() {
        ScrapedPage page = parse("coffee-while-breastfeeding");

        assertThat(page.title()).isEqualTo("Is Coffee Safe While Breastfeeding?");
        assertThat(page.author()).isEqualTo("Dr. Jane Roe");
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThat(page.summary()).isEqualTo("In short, a cup or two of coffee a day is fine for most breastfed babies. "
                + "Only a small part of the caffeine you drink reaches your milk, and it peaks about an hour after your cup.");
        assertThat(page.paragraphs()).hasSize(3)
                .endsWith("Tea, cola and energy drinks count too. Decaf is an easy swap if your baby seems sensitive.");
        assertNoChrome(page);
    }

    @Test
    void a_chrome_line_inside_a_block_ends_the_paragraph_and_the_footer_is_dropped() {
        assertThat(parse("coffee-while-breastfeeding").paragraphs()).containsExactly(
                "In short, a cup or two of coffee a day is fine for most breastfed babies. Only a small part of the "
                        + "caffeine you drink reaches your milk, and it peaks about an hour after your cup.",
                "Newborns clear caffeine slowly, so in the first weeks a baby may seem fussier or more wakeful if "
                        + "you drink a lot of it. Watch your baby rather than the clock.",
                "Tea, cola and energy drinks count too. Decaf is an easy swap if your baby seems sensitive.");
    }

    @Test
    void a_published_byline_gives_its_date_and_a_long_first_paragraph_is_cut_at_a_sentence() {
        ScrapedPage page = parse("folic-acid-before-conception");

        assertThat(page.title()).isEqualTo("When Should You Start Folic Acid Before Trying to Conceive?");
        assertThat(page.author()).isEqualTo("Dr Sam Okafor");
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(page.summary()).isEqualTo("Most guidelines suggest starting a daily folic acid supplement at least "
                + "one month before you start trying to conceive. The neural tube, which becomes the baby's brain and "
                + "spinal cord, closes within the first four weeks of pregnancy, often before a test turns positive.");
        assertThat(page.paragraphs()).hasSize(3).first().asString().endsWith("through the first twelve weeks.");
        assertNoChrome(page);
    }

    @Test
    void a_byline_without_honorific_and_a_full_month_name_is_read() {
        ScrapedPage page = parse("postpartum-night-sweats");

        assertThat(page.title()).isEqualTo("Why Am I Sweating So Much at Night After Giving Birth?");
        assertThat(page.author()).isEqualTo("Maya Lindqvist");
        assertThat(page.date()).isEqualTo(LocalDate.of(2023, 9, 8));
        assertThat(page.summary()).startsWith("Night sweats in the first weeks after birth are common");
        assertThat(page.paragraphs()).hasSize(3).last().asString().startsWith("See a doctor if the sweats");
        assertNoChrome(page);
    }

    @Test
    void a_page_without_byline_has_no_author_or_date_and_a_sentence_starting_with_by_stays_text() {
        ScrapedPage page = parse("tummy-time");

        assertThat(page.title()).isEqualTo("Tummy Time: How Much Does Your Baby Need?");
        assertThat(page.author()).isNull();
        assertThat(page.date()).isNull();
        assertThat(page.summary()).startsWith("By four months, most babies can lift their head");
        assertThat(page.paragraphs()).hasSize(4).endsWith("Always place your baby on their back to sleep.");
        assertNoChrome(page);
    }

    @Test
    void a_byline_without_date_gives_the_author_only_and_breadcrumbs_are_dropped() {
        ScrapedPage page = parse("ovulation-tracking");

        assertThat(page.title()).isEqualTo("Three Ways to Track Ovulation at Home");
        assertThat(page.author()).isEqualTo("Priya Raman");
        assertThat(page.date()).isNull();
        assertThat(page.summary()).isEqualTo("Tracking ovulation can help you time sex for the days you are most likely "
                + "to conceive: the five days before ovulation and the day itself.");
        assertThat(page.paragraphs()).hasSize(4)
                .endsWith("Cervical mucus becomes clear and stretchy, like raw egg white, on the most fertile days.");
        assertNoChrome(page);
    }

    @Test
    void affiliate_notices_are_neither_summary_nor_paragraphs() {
        ScrapedPage page = parse("baby-carrier-affiliate");

        assertThat(page.title()).isEqualTo("How to Choose a Baby Carrier That Fits You Both");
        assertThat(page.author()).isEqualTo("Tom Ellery, IBCLC");
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 2, 20));
        assertThat(page.summary()).startsWith("A good carrier holds your baby high and close enough to kiss");
        assertThat(page.paragraphs()).hasSize(3).allSatisfy(p -> assertThat(p).doesNotContain("Amazon", "our links"));
        assertNoChrome(page);
    }

    @Test
    void blog_chrome_is_dropped_and_comments_after_leave_a_comment_are_not_article_text() {
        ScrapedPage page = parse("cradle-cap-blog");

        assertThat(page.title()).isEqualTo("Cradle Cap: Gentle Ways to Loosen the Scales");
        assertThat(page.author()).isNull();
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(page.summary()).startsWith("Cradle cap is the yellow, greasy scaling");
        assertThat(page.paragraphs()).hasSize(3).last().asString().startsWith("Do not pick at the scales.");
        assertThat(page.paragraphs()).noneMatch(p -> p.contains("Anna K.") || p.equals("Name"));
        assertNoChrome(page);
    }

    @Test
    void a_page_repeated_twice_gives_one_article() {
        ScrapedPage page = parse("morning-sickness-repeated");

        assertThat(page.title()).isEqualTo("When Does Morning Sickness Ease?");
        assertThat(page.author()).isEqualTo("Dr. Lena Ortiz");
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 6, 11));
        assertThat(page.summary()).isEqualTo(
                "For most people, nausea peaks around week nine and eases between weeks twelve and fourteen.");
        assertThat(page.paragraphs()).containsExactly(
                "For most people, nausea peaks around week nine and eases between weeks twelve and fourteen.",
                "Small, frequent meals and ginger can help. Call your midwife if you cannot keep fluids down for a day.");
    }

    @Test
    void windows_line_endings_no_break_spaces_and_stray_indents_are_cleaned() {
        String raw = fixture("postpartum-bleeding-crlf");
        assertThat(raw).contains("\r\n", "\u00a0");

        ScrapedPage page = parser.parse(raw);

        assertThat(page.title()).isEqualTo("How Long Does Bleeding Last After Birth?");
        assertThat(page.author()).isEqualTo("Dr. Ruth Adeyemi");
        assertThat(page.date()).isEqualTo(LocalDate.of(2023, 11, 3));
        assertThat(page.summary()).isEqualTo("Bleeding after birth, called lochia, usually lasts four to six weeks. "
                + "It starts heavy and red and slowly turns pink, then brown, then pale.");
        assertThat(page.paragraphs()).hasSize(3)
                .allSatisfy(p -> assertThat(p).doesNotContain("\r", "\u00a0", "  ").doesNotStartWith(" ").doesNotEndWith(" "));
        assertNoChrome(page);
    }

    @Test
    void a_subscribe_box_before_the_content_is_skipped_and_a_lone_updated_line_dates_the_page() {
        ScrapedPage page = parse("baby-first-fever-subscribe");

        assertThat(page.title()).isEqualTo("Your Baby's First Fever: What to Do");
        assertThat(page.author()).isNull();
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 10, 1));
        assertThat(page.summary()).startsWith("A fever is a temperature of 38 °C (100.4 °F) or higher.");
        assertThat(page.paragraphs()).hasSize(3);
        assertNoChrome(page);
    }

    @Test
    void article_sentences_that_mention_chrome_words_are_kept() {
        String text = "Planning a Home Birth\n\nShare your birth plan with your midwife.\nHome births suit low-risk "
                + "pregnancies.\n\nRead more books to your bump; babies learn voices before birth.";

        assertThat(parser.parse(text).paragraphs()).containsExactly(
                "Share your birth plan with your midwife. Home births suit low-risk pregnancies.",
                "Read more books to your bump; babies learn voices before birth.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\r\n\t\r\n", "\u00a0\n\u00a0"})
    void an_empty_or_blank_body_is_refused(String text) {
        assertRefused(text, "the page is");
    }

    @Test
    void binary_data_is_refused() {
        assertRefused("PK\u0003\u0004\u0000\u0000 some.xml", "binary");
        assertRefused("\uFFFD\uFFFDPNG\r\n\u001A\n\u0000\u0000\u0000\rIHDR\uFFFD\uFFFD\uFFFD", "binary");
        assertRefused("Title\n" + "\uFFFD\u0001\u0002 text ".repeat(20), "binary");
    }

    @Test
    void a_few_replacement_characters_in_real_text_are_kept() {
        ScrapedPage page = parser.parse("Sleep Regressions\n\nAt four months your baby\uFFFDs sleep may change for a while.");

        assertThat(page.paragraphs()).containsExactly("At four months your baby\uFFFDs sleep may change for a while.");
    }

    @Test
    void a_first_line_too_long_for_a_title_is_refused() {
        assertRefused("Breastfeeding ".repeat(15) + "\n\nSome text.", "first line has 209 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Home", "Home › Pregnancy › Nutrition", "Share via", "Related Articles", "Get the Newsletter",
            "By Dr. Jane Roe | Updated on Mar 2, 2024", "Image for article Caffeine and Sleep"})
    void a_first_line_that_is_site_chrome_is_refused(String firstLine) {
        assertRefused("\n" + firstLine + "\nIs Coffee Safe?\n\nA cup a day is fine.", "is part of the site's layout");
    }

    @Test
    void a_title_without_article_text_is_refused() {
        assertRefused("Is Coffee Safe?\nBy Jane Roe\n\nShare via\nGet the Newsletter\n", "no article text");
    }

    private void assertRefused(String text, String messagePart) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).errors().get(0))
                .satisfies(error -> assertThat(error.field()).isEqualTo("body"))
                .extracting(FieldError::message).asString().contains(messagePart);
    }

    private static void assertNoChrome(ScrapedPage page) {
        assertThat(page.paragraphs()).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(CHROME));
    }

    private ScrapedPage parse(String name) {
        return parser.parse(fixture(name));
    }

    private static String fixture(String name) {
        try (InputStream in = ScrapedPageParserTest.class.getResourceAsStream("/pages/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
