package io.tidings.subscription;

import org.junit.jupiter.api.Test;

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
    void a_byte_order_mark_is_dropped() {
        assertThat(CsvRows.withoutByteOrderMark("\uFEFFa,b\n")).isEqualTo("a,b\n");
        assertThat(CsvRows.parse(CsvRows.withoutByteOrderMark("a,b\r\n\"two\nlines\",c\nMüller,d\n")).get(2).fields())
                .containsExactly("Müller", "d");
    }
}
