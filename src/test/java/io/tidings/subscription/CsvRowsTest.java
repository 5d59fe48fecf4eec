package io.tidings.subscription;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowsTest {

    @Test
    void quoted_fields_keep_commas_quotes_and_line_breaks_and_rows_keep_their_first_line() {
        List<CsvRows.Row> rows = CsvRows.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\nlast,\n");

        assertThat(rows).extracting(CsvRows.Row::line).containsExactly(1, 2, 4, 6);
        assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"");
        assertThat(rows.get(2).fields()).containsExactly("two\nlines", "z");
        assertThat(rows.get(3).fields()).containsExactly("last", "");
    }

    @Test
    void an_unclosed_quote_names_the_line_it_opened_on() {
        assertThatThrownBy(() -> CsvRows.parse("a,b\n\"open,c\nd,e\n"))
                .isInstanceOf(CsvRows.Unclosed.class).hasMessage("line 2: a quoted field is not closed");
    }

    @Test
    void a_byte_order_mark_is_dropped_and_bytes_not_in_the_charset_are_refused_with_their_physical_line() {
        byte[] latin1 = "a,b\r\n\"two\nlines\",c\nMüller,d\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(CsvRows.text("\uFEFFa,b\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
        assertThatThrownBy(() -> CsvRows.text(latin1, StandardCharsets.UTF_8))
                .isInstanceOf(CsvRows.Unreadable.class).hasMessageStartingWith("line 4: is not UTF-8 text");
        assertThat(CsvRows.parse(CsvRows.text(latin1, StandardCharsets.ISO_8859_1)).get(2).fields()).containsExactly("Müller", "d");
    }
}
