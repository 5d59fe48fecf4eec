package io.tidings.mail;

import io.tidings.support.Mails;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The message as written on the wire, read back with Jakarta Mail's parser. */
class MimeMessagesTest {

    private static final String UNSUBSCRIBE = "<https://news.example/unsubscribe?token=" + "t".repeat(90) + ">, "
            + "<mailto:leave@news.example?subject=unsubscribe>";

    private static final MailConfig CONFIG = new MailConfig("news@news.example", "Tidings Nouvelles",
            "", 0, "", "", MailConfig.SmtpSecurity.NONE, "", Duration.ZERO, Duration.ZERO, Duration.ZERO, 1,
            false, "", Duration.ZERO, "");
    private final MimeMessages messages = new MimeMessages(CONFIG, Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC),
            new DkimSigning(new DkimConfig(null, null, null), CONFIG));

    MimeMessagesTest() throws Exception {
    }

    private byte[] render(String name, String subject, Map<String, String> headers) throws MessagingException {
        return messages.render(new Email("reader@example.com", name, subject, Body.of("Hello,\n.\nA line.\n"),
                Body.of("<p>Hello, ré</p>"), "<m1@news.example>", headers));
    }

    @Test
    void reads_back_as_the_email_it_was_given() throws Exception {
        byte[] raw = render("Ré Ader", "Cette semaine : sommeil", Map.of("List-Unsubscribe", UNSUBSCRIBE));

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));

        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Tidings Nouvelles");
        assertThat(((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal()).isEqualTo("Ré Ader");
        assertThat(parsed.getSubject()).isEqualTo("Cette semaine : sommeil");
        assertThat(parsed.getMessageID()).isEqualTo("<m1@news.example>");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe", null))).isEqualTo(UNSUBSCRIBE);
        assertThat(Mails.part(parsed, "text/plain")).isEqualTo("Hello,\r\n.\r\nA line.\r\n");
        assertThat(Mails.part(parsed, "text/html")).isEqualTo("<p>Hello, ré</p>");
    }

    @Test
    void every_line_ends_in_crlf_within_the_length_limit_and_is_ascii() throws Exception {
        String raw = new String(render("Ré Ader", "Cette semaine : sommeil", Map.of("List-Unsubscribe", UNSUBSCRIBE)),
                StandardCharsets.ISO_8859_1);

        assertThat(raw).endsWith("\r\n").doesNotContain("\n\n").doesNotContain("\r\r");
        assertThat(raw.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        // RFC 5322's hard limit; a long header is folded at its spaces, where it has any.
        assertThat(Arrays.stream(raw.split("\r\n")).mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(998);
        assertThat(raw).contains(">,\r\n <mailto:leave@news.example");
        assertThat(raw.chars().allMatch(c -> c < 0x80)).isTrue();
    }

    @Test
    void a_list_name_outside_ascii_is_written_as_encoded_words_around_its_id() throws Exception {
        String raw = new String(render(null, "Hi", Map.of("List-Id", "Café Nouvelles weekly digest <weekly.digest.news.example>")),
                StandardCharsets.ISO_8859_1);

        assertThat(raw.chars().allMatch(c -> c < 0x80)).isTrue();
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        String listId = MimeUtility.unfold(parsed.getHeader("List-Id", null));
        assertThat(listId).endsWith(" <weekly.digest.news.example>");
        assertThat(MimeUtility.decodeText(listId)).isEqualTo("Café Nouvelles weekly digest <weekly.digest.news.example>");
    }

    @Test
    void a_title_or_name_that_spells_out_an_encoded_word_reads_back_as_that_text_and_never_as_a_line_break() throws Exception {
        String smuggled = "=?utf-8?q?Hi=0D=0ABcc:_x@evil.test=0D=0A?=";
        String subject = "Tidings weekly digest, Monday 23 November 2026: " + smuggled + " and more";
        String name = "=?utf-8?q?Eve=0D=0ABcc=3A_x=40evil.test?=";

        byte[] raw = render(name, subject, Map.of());

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(parsed.getSubject()).isEqualTo(subject).doesNotContain("\r").doesNotContain("\n");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("Subject", null)))).isEqualTo(subject);
        InternetAddress to = (InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo(name).doesNotContain("\r").doesNotContain("\n");
        assertThat(to.getAddress()).isEqualTo("reader@example.com");
        String lines = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(Arrays.stream(lines.split("\r\n")).mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(78);
    }

    @Test
    void a_long_title_with_emoji_that_spells_out_an_encoded_word_is_split_into_words_that_decode_to_it() throws Exception {
        String subject = "=?utf-8?b?SGk=?= " + "Sleep 😴 and naps 👶 for the first year, ".repeat(4);

        byte[] raw = render(null, subject, Map.of());

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(parsed.getSubject()).isEqualTo(subject);
        String lines = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(lines.chars().allMatch(c -> c < 0x80)).isTrue();
        assertThat(Arrays.stream(lines.split("\r\n")).mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(78);
    }

    @Test
    void a_line_break_in_any_header_value_is_refused_rather_than_forging_a_header() {
        assertThatThrownBy(() -> render("Eve\r\nBcc: victim@example.com", "Hi", Map.of()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("To");
        assertThatThrownBy(() -> render(null, "Hi\nBcc: victim@example.com", Map.of()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("Subject");
        assertThatThrownBy(() -> render(null, "Hi", Map.of("List-Id", "news\r\nBcc: victim@example.com")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("List-Id");
    }
}
