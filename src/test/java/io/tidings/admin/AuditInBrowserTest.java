package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class AuditInBrowserTest extends BrowserTest {

    @Test
    void an_operator_reads_the_audit_log_and_keeps_one_action_at_phone_width() {
        long reader = given.reader("to-erase@example.com", "Erin", "WEEKLY", "CONFIRMED");
        assertThat(http.send("DELETE", "/admin/subscribers/" + reader, asAdmin()).statusCode()).isEqualTo(204);

        signInAsOwner();
        browser.find("a[href='/admin/dashboard/audit']").click();
        browser.awaitHeading("Audit log");

        assertThat(actions()).startsWith("sign-in", "reader-erased");
        WebElement signIn = browser.find("#entries tbody tr[data-action=sign-in]");
        assertThat(signIn.getText()).contains(ADMIN_EMAIL).contains("127.0.0.1").contains("Signed in");

        browser.find("label[for=action]").click();
        assertThat(browser.focused().getAttribute("id")).as("the label names the select").isEqualTo("action");
        new Select(browser.find("#action")).selectByValue("reader-erased");
        browser.find("#filter button").click();
        browser.await("#action option[value=reader-erased][selected]");
        assertThat(actions()).containsExactly("reader-erased");
        assertThat(browser.find("#entries tbody tr").getText()).contains("subscriber " + reader).doesNotContain("to-erase");

        browser.screenshots("admin-audit");
        // screenshots() leaves the page at phone width.
        assertThat((Boolean) browser.script("return window.innerWidth < 600 && document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling of the page at phone width; the table scrolls in its own box").isTrue();
    }

    private List<String> actions() {
        return browser.driver().findElements(By.cssSelector("#entries tbody tr")).stream()
                .map(row -> row.getAttribute("data-action")).toList();
    }
}
