package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Mails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ReaderPagesInBrowserTest extends BrowserTest {

    /** Form controls that neither a label nor an aria-label names, and buttons without text. */
    private static final String UNLABELLED_CONTROLS = """
            const controls = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label'));
            const buttons = Array.from(document.querySelectorAll('button'))
                .filter(b => !b.textContent.trim() && !b.getAttribute('aria-label'));
            return controls.concat(buttons).map(c => c.outerHTML);""";

    @Test
    void subscribe_on_the_form_then_confirm_from_the_emailed_link() {
        open("/");
        browser.screenshots("subscribe");
        subscribeOnTheForm("ada@example.com");
        browser.screenshots("pending");

        String link = confirmationLink("ada@example.com");
        assertThat(link).startsWith(baseUrl + "/confirm?token=");
        browser.open(link);
        assertThat(heading()).isEqualTo("Confirm your subscription");
        browser.screenshots("confirm");
        assertThat(status("ada@example.com")).as("opening the link confirms nothing").isEqualTo("PENDING");

        browser.find("main form button").click();
        browser.awaitHeading("You are subscribed");
        browser.screenshots("confirmed");
        assertThat(browser.find("main").getText()).contains("ada@example.com");
        assertThat(status("ada@example.com")).isEqualTo("CONFIRMED");
        assertThat(sql.text("SELECT frequency FROM subscriber WHERE email_key = 'ada@example.com'")).isEqualTo("DAILY");
        assertThat(sql.count("""
                SELECT count(*) FROM subscriber_topic t JOIN subscriber s ON s.id = t.subscriber_id
                WHERE s.email_key = 'ada@example.com' AND t.topic IN ('baby', 'pregnancy')""")).isEqualTo(2);
    }

    @Test
    void an_unknown_confirm_link_gives_a_readable_page_not_a_stack_trace() {
        open("/confirm?token=no-such-token");

        browser.screenshot("error-unknown-link");
        assertThat(heading()).isEqualTo("Not Found");
        assertReadableError("This link is not valid.");
    }

    @Test
    void an_expired_confirm_link_gives_a_readable_page_not_a_stack_trace() {
        http.postJson("/api/subscriptions", "{\"email\":\"late@example.com\",\"consent\":true}");
        String link = confirmationLink("late@example.com");

        clock.advance(Duration.ofHours(49));
        browser.open(link);

        browser.screenshot("error-expired-link");
        assertThat(heading()).isEqualTo("Gone");
        assertReadableError("This confirmation link has expired.");
        assertThat(status("late@example.com")).isEqualTo("PENDING");
    }

    @Test
    void every_page_has_a_language_one_heading_labelled_controls_and_fits_a_phone() {
        List<String> checked = new ArrayList<>();
        throughEveryPage("every@example.com", page -> {
            assertThat(browser.script("return document.documentElement.lang")).as(page + ": lang").isEqualTo("en");
            List<WebElement> headings = browser.driver().findElements(By.tagName("h1"));
            assertThat(headings).as(page + ": h1").hasSize(1);
            assertThat(headings.get(0).getText()).as(page + ": h1").isNotBlank();
            assertThat((List<?>) browser.script(UNLABELLED_CONTROLS)).as(page + ": controls without a label").isEmpty();
            long viewport = (Long) browser.script("return window.innerWidth");
            assertThat(viewport).as(page + ": phone width").isEqualTo(390);
            assertThat((Long) browser.script("return document.scrollingElement.scrollWidth"))
                    .as(page + ": no sideways scrolling").isLessThanOrEqualTo(viewport);
            checked.add(page);
        });
        assertThat(checked).hasSize(8);
    }

    @Test
    void the_subscribe_form_takes_focus_in_reading_order_from_the_email_field_to_its_button() {
        open("/");

        List<String> stops = new ArrayList<>();
        for (int press = 0; press < 20 && !stops.contains("Subscribe"); press++) {
            browser.pressTab();
            WebElement focused = browser.focused();
            if (!focused.findElements(By.xpath("ancestor::form")).isEmpty()) {
                stops.add(tabStop(focused));
            }
        }

        assertThat(stops).containsExactly("email", "name", "topics=fertility", "topics=pregnancy", "topics=postpartum",
                "topics=baby", "frequency", "consent", "privacy policy", "Subscribe");
    }

    @Test
    void the_content_security_policy_blocks_nothing_the_pages_need() {
        throughEveryPage("csp@example.com", page -> assertThat(browser.script(
                "return getComputedStyle(document.body).backgroundColor")).as(page + ": styled by site.css")
                .isNotEqualTo("rgba(0, 0, 0, 0)"));

        assertThat(browser.console()).noneMatch(message -> message.contains("Content Security Policy"));
        // The log does report a violation: an image from elsewhere is refused and shows up.
        browser.script("const img = document.createElement('img'); img.src = 'http://elsewhere.invalid/x.png';"
                + " document.body.appendChild(img);");
        browser.awaitConsole("Content Security Policy");
    }

    /** Each reader page in the order a reader meets them; {@code check} gets each page's name. */
    private void throughEveryPage(String email, Consumer<String> check) {
        open("/");
        check.accept("subscribe form");
        browser.find("main form button").click();
        browser.await(".notice");
        check.accept("subscribe form with errors");
        subscribeOnTheForm(email);
        check.accept("check your inbox");
        browser.open(confirmationLink(email));
        check.accept("confirm");
        browser.find("main form button").click();
        browser.awaitHeading("You are subscribed");
        check.accept("confirmed");
        browser.find("main a[href^='/unsubscribe']").click();
        browser.awaitHeading("Unsubscribe");
        check.accept("unsubscribe");
        browser.find("main form button").click();
        browser.awaitHeading("You are unsubscribed");
        check.accept("unsubscribed");
        open("/confirm?token=no-such-token");
        check.accept("unknown link");
    }

    /** Fills in and sends the form on the page, as a reader would, for daily baby and pregnancy news. */
    private void subscribeOnTheForm(String email) {
        WebElement emailField = browser.find("#email");
        emailField.clear();
        emailField.sendKeys(email);
        browser.find("#name").sendKeys("Ada");
        browser.find("input[name=topics][value=baby]").click();
        browser.find("input[name=topics][value=pregnancy]").click();
        new Select(browser.find("#frequency")).selectByVisibleText("Daily");
        browser.find("#consent").click();
        browser.find("main form button").click();
        browser.awaitHeading("Check your inbox");
    }

    private String confirmationLink(String email) {
        return Mails.link(awaitMessagesTo(email, 1).get(0), "/confirm?token=");
    }

    private String heading() {
        return browser.find("h1").getText();
    }

    private void assertReadableError(String message) {
        assertThat(browser.find("main").getText()).contains(message).contains("Go to the subscribe form");
        assertThat(browser.driver().getPageSource()).doesNotContain("Exception").doesNotContain("io.tidings");
    }

    /** How a keyboard user knows the focused control: its name (and value), or a link's or button's text. */
    private static String tabStop(WebElement focused) {
        String name = focused.getAttribute("name");
        if (name == null || name.isEmpty()) {
            return focused.getText();
        }
        return "checkbox".equals(focused.getAttribute("type")) && !"consent".equals(name)
                ? name + "=" + focused.getAttribute("value") : name;
    }

    private String status(String email) {
        return sql.text("SELECT status FROM subscriber WHERE email_key = ?", email);
    }
}
