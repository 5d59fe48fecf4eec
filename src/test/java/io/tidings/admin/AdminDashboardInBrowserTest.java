package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class AdminDashboardInBrowserTest extends BrowserTest {

    @Test
    void an_operator_signs_in_sends_an_edition_and_watches_it_complete_then_pauses_and_resumes_another() {
        given.clear();
        given.article("Sleep in the fourth trimester", clock.instant(), "baby");
        given.readers("weekly", 6);
        given.reader("daily@example.com", "Dana", "DAILY", "CONFIRMED");

        signInAsOwner();
        assertThat(browser.find("#subscribers [data-state=confirmed]").getText()).isEqualTo("7");
        assertThat(browser.find("svg.chart").getAttribute("aria-label")).contains("7 confirmed");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart g[data-day]"))).hasSize(30);
        browser.screenshots("admin-overview");

        browser.find("a[href='/admin/dashboard/editions']").click();
        browser.awaitHeading("Editions");
        new Select(browser.find("#frequency")).selectByValue("weekly");
        browser.find("#trigger button").click();
        browser.await(".notice[role=status]");
        String weekly = browser.find("[data-edition]").getAttribute("data-edition");
        // The page is not reloaded: admin.js polls the JSON API with the session cookie and redraws the bar.
        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(state(weekly)));
        assertThat(browser.find("#edition-" + weekly + " .summary").getText()).startsWith("6 of 6 sent, 0 failed");
        assertThat(browser.find("#edition-" + weekly + " .bar-sent").getAttribute("width")).isEqualTo("100%");
        awaitMessagesTo("weekly6@example.com", 1);
        assertThat(browser.find("#edition-" + weekly + " button.pause").isDisplayed())
                .as("a complete edition offers no pause, resume or cancel").isFalse();
        assertThat(browser.find("#edition-" + weekly + " button.resume").isDisplayed()).isFalse();
        assertThat(browser.find("#edition-" + weekly + " button.cancel").isDisplayed()).isFalse();
        browser.find("a[href='/admin/dashboard/editions']").click();
        browser.awaitHeading("Editions");
        browser.screenshots("admin-editions");

        // With the relay down, the daily edition's one digest waits to be retried: long enough to pause it.
        smtp.stop();
        new Select(browser.find("#frequency")).selectByValue("daily");
        browser.find("#trigger button").click();
        browser.await(".notice[role=status]");
        String daily = browser.find("[data-edition]").getAttribute("data-edition");
        assertThat(daily).isNotEqualTo(weekly);
        browser.find("#edition-" + daily + " button.pause").click();
        // The button lands on the edition's page again: wait for the new one, not the one it left.
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getCurrentUrl().endsWith("?done=paused"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "paused".equals(state(daily)));
        assertThat(browser.find(".notice[role=status]").getText()).contains("paused");
        assertThat(browser.find("#edition-" + daily + " button.pause").isDisplayed()).isFalse();
        assertThat(browser.find("#edition-" + daily + " button.resume").isDisplayed()).isTrue();

        restartSmtp();
        browser.find("#edition-" + daily + " button.resume").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(state(daily)));
        assertThat(messagesTo("daily@example.com")).hasSize(1);

        assertThat(browser.console()).noneMatch(message -> message.contains("Content Security Policy"));
        browser.find("header form button").click();
        browser.awaitHeading("Sign in");
        open("/admin/");
        browser.awaitHeading("Sign in");
    }

    private String state(String edition) {
        return browser.find("#edition-" + edition).getAttribute("data-state");
    }
}
