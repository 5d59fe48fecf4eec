package io.tidings.mail;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

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
        String alphabet = "abc XYZ=\t\n\r.é€🍼-_";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String original = text.toString().replace("\uD83C", "").replace("\uDF7C", "");
            byte[] encoded = QuotedPrintable.encode(original);

            assertThat(decode(encoded)).isEqualTo(crlf(original));
            for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n", -1)) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
                assertThat(line).as("no whitespace at the end of an encoded line").doesNotEndWith(" ").doesNotEndWith("\t");
                assertThat(line.chars()).allMatch(c -> c >= 32 && c <= 126 || c == '\t');
            }
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
