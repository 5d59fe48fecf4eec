package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Http;
import io.tidings.support.Mails;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emails as a mail client that renders HTML shows them: headless Chromium at 600 and 375 pixels,
 * light and dark. The pictures land in {@code target/screenshots}; docs/emails/ keeps a copy.
 */
@MicronautTest(transactional = false)
class EmailsInBrowserTest extends BrowserTest {

    private final Map<String, MimeMessage> emails = new LinkedHashMap<>();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new LinkedHashMap<>(super.extraProperties());
        properties.put("tidings.articles.load-samples", "false");
        return properties;
    }

    @BeforeAll
    void sendOneOfEachKind() {
        emails.putAll(OneOfEachEmail.send(new Http(server.getURI()), asAdmin(), ADMIN_EMAIL, clock, this::awaitMessagesTo));
    }

    @AfterEach
    void lightAgain() {
        browser.colourScheme("light");
    }

    /** Opens the email's HTML part as a mail client's viewer would: a document of its own. */
    private void show(String kind) throws IOException {
        Path file = Files.createTempFile("tidings-email-", ".html");
        Files.writeString(file, Mails.part(emails.get(kind), "text/html"));
        browser.open(file.toUri().toString());
    }

    private Number number(String javascript) {
        return (Number) browser.script("return " + javascript);
    }

    @ParameterizedTest
    @ValueSource(strings = {"digest", "confirmation", "address change", "test copy"})
    void renders_in_standards_mode_without_horizontal_scrolling_at_375_pixels_and_hides_its_preheader(String kind) throws IOException {
        show(kind);
        browser.width(375);

        assertThat(browser.script("return document.compatMode")).as("standards mode, not quirks").isEqualTo("CSS1Compat");
        assertThat(number("document.documentElement.scrollWidth").intValue()).isLessThanOrEqualTo(375);
        assertThat(number("document.body.firstElementChild.getBoundingClientRect().height").doubleValue()).as("preheader").isZero();
        String name = kind.replace(' ', '-');
        browser.screenshot(name + "-375", 375);
        browser.screenshot(name + "-600", 600);
        browser.colourScheme("dark");
        browser.screenshot(name + "-375-dark", 375);
    }

    @ParameterizedTest
    @ValueSource(ints = {375, 600})
    void a_digest_keeps_its_line_height_and_its_width_at_either_size(int width) throws IOException {
        show("digest");
        browser.width(width);

        String summary = "[...document.querySelectorAll('p')].find(p => p.textContent.startsWith('In short'))";
        assertThat(browser.script("return getComputedStyle(" + summary + ").lineHeight")).isEqualTo("24.8px");
        double lineHeights = number(summary + ".getBoundingClientRect().height / 24.8").doubleValue();
        assertThat(lineHeights).as("whole lines of 24.8 px each").isCloseTo(Math.rint(lineHeights), org.assertj.core.data.Offset.offset(0.05))
                .isGreaterThanOrEqualTo(2);
        assertThat(number("document.querySelector('.card').getBoundingClientRect().width").doubleValue())
                .isLessThanOrEqualTo(600).isGreaterThan(width - 40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void colours_follow_the_reader_s_scheme_with_light_text_on_a_dark_card_in_dark_mode(String scheme) throws IOException {
        show("digest");
        browser.colourScheme(scheme);

        Object card = browser.script("return getComputedStyle(document.querySelector('.card')).backgroundColor");
        Object ink = browser.script("return getComputedStyle(document.querySelector('td.ink')).color");
        Object link = browser.script("return getComputedStyle(document.querySelector('a.accent')).color");

        if (scheme.equals("dark")) {
            assertThat(card).isEqualTo("rgb(26, 32, 43)");
            assertThat(ink).isEqualTo("rgb(231, 234, 241)");
            assertThat(link).isEqualTo("rgb(143, 184, 255)");
        } else {
            assertThat(card).isEqualTo("rgb(255, 255, 255)");
            assertThat(ink).isEqualTo("rgb(29, 35, 48)");
            assertThat(link).isEqualTo("rgb(31, 95, 191)");
        }
    }
}
