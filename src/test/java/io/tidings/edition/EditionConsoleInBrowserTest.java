package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An edition's page in the console, and the console's frame, in headless Chromium. */
@MicronautTest(transactional = false)
class EditionConsoleInBrowserTest extends BrowserTest {

    @BeforeEach
    void signIn() {
        given.clear();
        signInAsOwner();
    }

    @Test
    void the_progress_numbers_change_without_a_reload_while_the_edition_sends() {
        given.article("Night feeds", clock.instant(), "baby");
        given.readers("weekly", 5);
        // With the relay down the digests wait to be retried, so the page first shows them all queued.
        smtp.stop();
        String id = sendNow("weekly");
        assertThat(count("queued")).isEqualTo("5");
        assertThat(count("sent")).isEqualTo("0");
        browser.script("window.loadedOnce = true");

        restartSmtp();
        await().atMost(Duration.ofSeconds(20)).until(() -> "5".equals(count("sent")));
        assertThat(count("queued")).isEqualTo("0");
        assertThat(count("failed")).isEqualTo("0");
        assertThat(count("bounced")).isEqualTo("0");
        await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(state(id)));
        assertThat(browser.find("#edition-" + id + " .summary").getText()).startsWith("5 of 5 sent, 0 failed");
        assertThat(browser.script("return window.loadedOnce === true")).as("the page was never reloaded").isEqualTo(true);
        assertThat(browser.find(".summary").getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.console()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void an_operator_pauses_and_resumes_an_edition_from_its_page() {
        given.article("Sleep regressions", clock.instant(), "baby");
        given.reader("paused@example.com", "Pat", "DAILY", "CONFIRMED");
        smtp.stop();
        String id = sendNow("daily");

        browser.find("#edition-" + id + " button.pause").click();
        awaitPage("/admin/dashboard/editions/" + id + "?done=paused");
        assertThat(browser.await(".notice[role=status]").getText()).contains("paused");
        assertThat(state(id)).isEqualTo("paused");
        assertThat(browser.find("#edition-" + id + " button.pause").isDisplayed()).isFalse();
        assertThat(browser.find("#edition-" + id + " button.resume").isDisplayed()).isTrue();
        screenshots("admin-edition-paused");

        restartSmtp();
        browser.find("#edition-" + id + " button.resume").click();
        awaitPage("/admin/dashboard/editions/" + id + "?done=resumed");
        assertThat(browser.await(".notice[role=status]").getText()).contains("sending again");
        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(state(id)));
        assertThat(awaitMessagesTo("paused@example.com", 1)).hasSize(1);
        assertThat(count("sent")).isEqualTo("1");
    }

    @Test
    void a_preview_for_a_chosen_reader_shows_that_readers_name_and_no_link_of_theirs() {
        given.article("Teething", clock.instant(), "baby");
        given.reader("ana.lima@example.com", "Ana Lima", "WEEKLY", "CONFIRMED", "baby");
        given.reader("bo@example.com", "Bo Berg", "WEEKLY", "CONFIRMED");
        String id = sendNow("weekly");

        browser.find("#reader-q").sendKeys("lima");
        browser.find("form[role=search] button").click();
        browser.await(".readers li");
        List<String> found = browser.driver().findElements(By.cssSelector(".readers li a")).stream()
                .map(link -> link.getText()).toList();
        assertThat(found).containsExactly("Preview as Ana Lima <ana.lima@example.com>");
        browser.find(".readers li a").click();

        awaitPage("/admin/dashboard/editions/" + id + "/preview?reader=");
        assertThat(browser.find("body").getText()).contains("Hello Ana Lima,").contains("Teething");
        assertThat(browser.driver().findElements(By.cssSelector("a[href*='token=']")))
                .as("the preview never carries the reader's own unsubscribe or preferences token").isEmpty();

        open("/admin/dashboard/editions/" + id + "/preview");
        assertThat(browser.find("body").getText()).contains("Hello,").doesNotContain("Ana Lima");
    }

    @Test
    void every_console_page_fits_a_375_px_phone_and_marks_its_section() {
        given.article("Colic", clock.instant(), "baby");
        given.readers("weekly", 3);
        String id = sendNow("weekly");
        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(state(id)));
        screenshots("admin-edition");
        // An import job, so that the imports page has its table.
        assertThat(http.post("/admin/subscribers/imports", "text/csv",
                "email,name,topics,frequency,consent_source,consented_at\nzoe@example.com,Zo\u00eb,baby,weekly,fair,2026-01-01T00:00:00Z\n",
                asAdmin()).statusCode()).isEqualTo(202);

        for (String page : List.of("/admin/", "/admin/dashboard/editions", "/admin/dashboard/editions/" + id,
                "/admin/dashboard/bounces", "/admin/dashboard/imports")) {
            open(page);
            browser.width(375);
            assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling of %s at 375 px", page).isTrue();
            String current = browser.find("nav[aria-label=Console] a[aria-current=page]").getAttribute("href");
            assertThat(current).as("the section of %s", page).endsWith(page.equals("/admin/dashboard/editions/" + id)
                    ? "/admin/dashboard/editions" : page);
            assertThat(browser.driver().findElements(By.cssSelector("nav[aria-label=Console] a[aria-current]"))).hasSize(1);
        }
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-import]"))).as("the imports table").hasSize(1);
        List<String> sections = browser.driver().findElements(By.cssSelector("nav[aria-label=Console] a")).stream()
                .map(link -> link.getText()).toList();
        assertThat(sections).containsExactly("Overview", "Editions", "Readers", "Articles", "Feeds", "Imports", "Bounces",
                "Audit log", "Operators and keys");
        assertThat(browser.find("header form.sign-out button").getText()).isEqualTo("Sign out");
    }

    /** Composes and sends an edition from the editions page; returns its id, from the page it lands on. */
    private String sendNow(String frequency) {
        open("/admin/dashboard/editions");
        browser.awaitHeading("Editions");
        new Select(browser.find("#frequency")).selectByValue(frequency);
        browser.find("#trigger button").click();
        awaitPage("?done=queued");
        assertThat(browser.await(".notice[role=status]").getText()).contains("queued");
        String id = browser.find("[data-edition]").getAttribute("data-edition");
        assertThat(browser.find("h1").getText()).isEqualTo("Edition #" + id);
        return id;
    }

    /** Waits until the browser shows the page whose address contains {@code part}. */
    private void awaitPage(String part) {
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getCurrentUrl().contains(part));
    }

    private String count(String name) {
        return browser.find("dd[data-count=" + name + "]").getText();
    }

    private String state(String edition) {
        return browser.find("#edition-" + edition).getAttribute("data-state");
    }

    /** The page at 1280 and at 375 px, as target/screenshots/{@code name}-1280.png and -375.png. */
    private void screenshots(String name) {
        browser.screenshot(name + "-1280", 1280);
        browser.screenshot(name + "-375", 375);
    }
}
