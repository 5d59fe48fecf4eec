package io.tidings.bounce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOUNCE_MAILBOX_URL as operators write it, and what a wrong one says (never the password). */
class MailboxAddressTest {

    private static MailboxAddress address(String url, String doneFolder) {
        return new MailboxAddress(new BounceMailboxConfig(url, Duration.ofMinutes(5), doneFolder, 100,
                Duration.ofSeconds(30), null));
    }

    @Test
    void reads_the_store_folder_and_a_percent_encoded_password_and_shows_no_password() {
        MailboxAddress address = address("imaps://bounces%40example.com:p%40ss%3Aw%2Frd@mail.example.com:993/Bounces", null);

        assertThat(address.url().getProtocol()).isEqualTo("imaps");
        assertThat(address.url().getUsername()).isEqualTo("bounces@example.com");
        assertThat(address.url().getPassword()).isEqualTo("p@ss:w/rd");
        assertThat(address.folder()).isEqualTo("Bounces");
        assertThat(address.expunges()).isTrue();
        assertThat(address).hasToString("imaps://bounces@example.com@mail.example.com:993/Bounces");
    }

    @Test
    void a_pop3_mailbox_is_its_inbox_and_deletes_as_its_session_ends() {
        MailboxAddress address = address("pop3s://bounces:secret@mail.example.com", null);

        assertThat(address.folder()).isEqualTo("INBOX");
        assertThat(address.expunges()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://bounces:secret@mail.example.com/INBOX", "imaps://mail.example.com/INBOX",
            "imaps://bounces:secret@/INBOX", "pop3://bounces:secret@mail.example.com/Archive", "bounces:secret"})
    void a_wrong_url_stops_the_start_without_naming_the_password(String url) {
        assertThatThrownBy(() -> address(url, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BOUNCE_MAILBOX_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void a_done_folder_needs_imap() {
        assertThatThrownBy(() -> address("pop3://bounces:secret@mail.example.com/INBOX", "Done"))
                .hasMessageContaining("BOUNCE_MAILBOX_DONE_FOLDER needs IMAP")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
