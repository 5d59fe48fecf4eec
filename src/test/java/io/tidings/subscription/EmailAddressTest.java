package io.tidings.subscription;

import io.tidings.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource({
            "ann@example.com, ann@example.com",
            "'  Ann.Lee@Example.COM ', Ann.Lee@example.com",
            "o'brien+news@mail.example.org, o'brien+news@mail.example.org",
            "jane@exämple.com, jane@xn--exmple-cua.com",
            "kid@bücher.de, kid@xn--bcher-kva.de",
            "user@sub-domain.example.co.uk, user@sub-domain.example.co.uk"})
    void normalises_the_domain_and_keeps_the_local_part(String raw, String stored) {
        assertThat(EmailAddress.parse(raw).value()).isEqualTo(stored);
    }

    @Test
    void compares_addresses_without_case() {
        assertThat(EmailAddress.parse("Ann@Example.com").key()).isEqualTo(EmailAddress.parse("ann@example.COM").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "@example.com", "ann@", "ann@@example.com", "ann@example", "a b@example.com",
            "ann@exa mple.com", "ann@.example.com", "ann..lee@example.com", "ann.@example.com", "\"ann\"@example.com",
            "ann@example..com", "ann@example.com\r\n", "ann@example-.com", "ann@1.2.3.4", "Ann <ann@example.com>",
            "ann@example.com, bob@example.com", "ann(comment)@example.com", "ann@xn--.com"})
    void refuses_what_is_not_a_plain_mailbox(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).allMatch(f -> f.field().equals("email")));
    }

    @Test
    void counts_length_after_punycode() {
        String longUnicodeDomain = "ü".repeat(60) + "." + "ü".repeat(60) + ".de";
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(64) + "@" + longUnicodeDomain))
                .isInstanceOf(InvalidInputException.class);
    }
}
