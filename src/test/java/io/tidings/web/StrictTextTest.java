package io.tidings.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictTextTest {

    @Test
    void bytes_not_in_the_charset_are_refused_with_their_physical_line_and_read_in_the_right_one() {
        byte[] latin1 = "a,b\r\n\"two\nlines\",c\nMüller,d\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> StrictText.decode(latin1, StandardCharsets.UTF_8, "The request body"))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageStartingWith("The request body is not UTF-8 text at line 4");
        assertThat(StrictText.decode(latin1, StandardCharsets.ISO_8859_1, "The request body")).endsWith("Müller,d\n");
    }
}
