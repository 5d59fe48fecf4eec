package io.tidings.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlCheckerTest {

    @Test
    void the_checker_names_what_the_old_emails_had_wrong_and_passes_a_valid_document() {
        String old = "<html><head><title>T</title></head><body><table width=\"100%\" cellpadding=\"0\"><tr>"
                + "<td align=\"center\">Hi</td></tr></table></body></html>";
        String valid = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title></head>"
                + "<body><table role=\"presentation\" style=\"width:100%\"><tr><td>Hi</td></tr></table></body></html>";

        assertThat(HtmlChecker.errors(old)).anyMatch(error -> error.contains("DOCTYPE"))
                .anyMatch(error -> error.contains("width")).anyMatch(error -> error.contains("align"));
        assertThat(HtmlChecker.errors(valid)).isEmpty();
    }
}
