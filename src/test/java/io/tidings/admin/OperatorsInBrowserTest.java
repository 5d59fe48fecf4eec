package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Mails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OperatorsInBrowserTest extends BrowserTest {

    @Test
    void an_owner_invites_an_editor_whose_link_works_once_and_who_can_send_but_not_see_operators() {
        given.clear();
        given.article("Sleep in the fourth trimester", clock.instant(), "baby");
        given.readers("weekly", 2);

        signInAsOwner();
        browser.find("a[href='/admin/dashboard/operators']").click();
        browser.awaitHeading("Operators and API keys");

        browser.find("#invite-email").sendKeys("editor@example.com");
        new Select(browser.find("#invite-role")).selectByValue("editor");
        browser.find("#invite button").click();
        assertThat(browser.await(".notice[role=status]").getText()).contains("editor@example.com");
        browser.screenshots("admin-operators");
        String link = Mails.link(awaitMessagesTo("editor@example.com", 1).get(0), "/admin/invitation");
        browser.find("header form button").click();
        browser.awaitHeading("Sign in");

        browser.open(link);
        browser.awaitHeading("Accept your invitation");
        browser.find("#name").sendKeys("Eddie");
        browser.find("#password").sendKeys("an-editors-password");
        browser.find("main form button").click();
        browser.awaitHeading("Overview");
        assertThat(browser.driver().findElements(By.cssSelector("a[href='/admin/dashboard/operators']")))
                .as("an editor's navigation").isEmpty();

        browser.find("a[href='/admin/dashboard/editions']").click();
        browser.awaitHeading("Editions");
        new Select(browser.find("#frequency")).selectByValue("weekly");
        browser.find("#trigger button").click();
        assertThat(browser.await(".notice[role=status]").getText()).isNotBlank();
        awaitMessagesTo("weekly2@example.com", 1);

        open("/admin/dashboard/operators");
        assertThat(browser.await("main").getText()).contains("does not allow");

        browser.open(link);
        browser.awaitHeading("This link does not work");
    }
}
