package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Mails;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OperatorsInBrowserTest extends BrowserTest {

    @Inject
    Operators operators;

    @Test
    void an_owner_invites_an_editor_whose_link_works_once_and_who_can_send_but_not_see_operators() {
        given.clear();
        given.article("Sleep in the fourth trimester", clock.instant(), "baby");
        given.readers("weekly", 2);

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
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

    @Test
    void an_owner_makes_an_editor_a_viewer_and_the_editors_next_page_shows_a_viewers_sections() {
        Operator editor = operators.create("to-viewer@example.com", "Tove", Rights.Role.EDITOR, "an-editors-password");
        signInAs("to-viewer@example.com", "an-editors-password");
        assertThat(consoleSections()).as("an editor's sections").contains("Readers");
        Set<Cookie> editorsSession = browser.driver().manage().getCookies();

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/admin/dashboard/operators");
        browser.awaitHeading("Operators and API keys");
        String row = "tr[data-operator='to-viewer@example.com'] ";
        new Select(browser.find(row + "select[name=role]")).selectByValue("viewer");
        browser.find(row + "form.role-form button").click();
        assertThat(browser.await(".notice[role=status]").getText()).isEqualTo("to-viewer@example.com is now viewer.");
        assertThat(browser.find(row).getText()).contains("viewer");
        browser.screenshots("admin-operators-role");
        browser.width(375);
        assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling of the page at 375 px; the table scrolls in its own box").isTrue();
        assertThat(sql.count("SELECT COUNT(*) FROM audit_entry WHERE subject = ?",
                "operator " + editor.id() + " (to-viewer@example.com) now viewer")).as("audited like the API").isEqualTo(1);

        // Forms written by hand: a role that does not exist, and the owner's own role.
        postByHand("/admin/dashboard/operators/" + editor.id() + "/role", "nobody");
        assertThat(browser.await(".notice[role=alert]").getText()).isEqualTo("role must be owner, editor or viewer");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-operator='" + ADMIN_EMAIL + "'] form.role-form")))
                .as("no form to change one's own role").isEmpty();
        String ownerId = sql.text("SELECT id FROM operator WHERE email = ?", ADMIN_EMAIL);
        postByHand("/admin/dashboard/operators/" + ownerId + "/role", "viewer");
        assertThat(browser.await(".notice[role=alert]").getText()).contains("you cannot change your own role");

        browser.driver().manage().deleteAllCookies();
        open("/");
        editorsSession.forEach(browser.driver().manage()::addCookie);
        open("/admin/");
        browser.awaitHeading("Overview");
        assertThat(consoleSections()).as("the same session, now a viewer's").containsExactly("Overview", "Editions", "Articles", "Feeds");
    }

    /** Posts a role form the page does not offer, with the page's CSRF token. */
    private void postByHand(String action, String role) {
        browser.script("const f = document.createElement('form'); f.method = 'post'; f.action = '" + action + "';"
                + " f.innerHTML = '<input name=role value=" + role + "><input name=csrf>';"
                + " f.csrf.value = document.querySelector('input[name=csrf]').value; document.body.append(f); f.submit();");
    }
}
