package io.tidings.mail;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotedPrintableTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "a=b", "trailing space \nnext", "tab\t\r\nnext", "ends in space ",
            "Grüße, 日本語 and emoji 🍼", "=\r\n=", "lone\rcarriage return", "dot\n.\nline"})
    void decodes_back_to_the_text_with_crlf_line_breaks(String text) throws Exception {
        assertThat(decode(QuotedPrintable.encode(text))).isEqualTo(crlf(text));
    }

    @Test
    void random_texts_round_trip_and_obey_the_line_rules() throws Exception {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            String original = randomText(random, 400);
            byte[] encoded = QuotedPrintable.encode(original);

            assertThat(decode(encoded)).isEqualTo(crlf(original));
            obeysLineRules(encoded);
        }
    }

    @Test
    void a_body_template_filled_reads_as_its_parts_and_values_put_together_and_obeys_the_line_rules() throws Exception {
        Random random = new Random(7);
        for (int n = 0; n < 1_000; n++) {
            List<String> fixed = new ArrayList<>();
            List<String> values = new ArrayList<>();
            int holes = random.nextInt(5);
            for (int i = 0; i <= holes; i++) {
                fixed.add(randomText(random, 300));
                if (i < holes) {
                    values.add(randomText(random, 120));
                }
            }
            Body body = new BodyTemplate(fixed).fill(values);
            byte[] encoded = body.quotedPrintable();

            assertThat(decode(encoded)).isEqualTo(crlf(body.text()));
            obeysLineRules(encoded);
        }
    }

    @Test
    void a_value_joins_its_line_without_a_soft_break_where_the_line_has_room() throws Exception {
        Body body = new BodyTemplate(List.of("Hello ", ",\nsee ", "\n")).fill(List.of("Ann", "https://news.example/u?t=1"));

        assertThat(new String(body.quotedPrintable(), StandardCharsets.US_ASCII))
                .isEqualTo("Hello=20Ann,\r\nsee=20https://news.example/u?t=3D1\r\n");
        assertThat(body.text()).isEqualTo("Hello Ann,\nsee https://news.example/u?t=1\n");
    }

    @Test
    void a_template_takes_exactly_one_value_per_hole() {
        BodyTemplate template = new BodyTemplate(List.of("a", "b"));

        assertThatThrownBy(() -> template.fill(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> template.fill(List.of("1", "2"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random text of letters, spaces, tabs, "=", line breaks, dots and characters outside ASCII. */
    private static String randomText(Random random, int maxLength) {
        String alphabet = "abc XYZ=\t\n\r.é€🍼-_";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString().replace("\uD83C", "").replace("\uDF7C", "");
    }

    /** RFC 2045: lines of at most 76 characters, no whitespace ending one, printable ASCII only. */
    private static void obeysLineRules(byte[] encoded) {
        for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            assertThat(line).as("no whitespace at the end of an encoded line").doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(line.chars()).allMatch(c -> c >= 32 && c <= 126 || c == '\t');
        }
    }

    @Test
    void long_lines_get_soft_breaks_that_never_split_an_escape() {
        String encoded = new String(QuotedPrintable.encode("é".repeat(100)), StandardCharsets.US_ASCII);

        assertThat(encoded.split("\r\n")).allSatisfy(line -> assertThat(line).matches("(=[0-9A-F]{2})+=?"));
    }

    private static String decode(byte[] encoded) throws Exception {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
