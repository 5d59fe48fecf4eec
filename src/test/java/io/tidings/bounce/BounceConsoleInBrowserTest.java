package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.FaultySmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounces page in headless Chromium, over an edition a real SMTP server partly refused ({@link RefusedEdition}). */
@MicronautTest(transactional = false)
class BounceConsoleInBrowserTest extends BrowserTest {

    private final FaultySmtp relay = RefusedEdition.relay(freePort());

    @Override
    protected Map<String, String> extraProperties() {
        relay.start();
        Map<String, String> properties = new HashMap<>(super.extraProperties());
        properties.put("tidings.mail.smtp-port", Integer.toString(relay.port()));
        return properties;
    }

    @AfterAll
    void stopRelay() {
        relay.stop();
    }

    @Test
    void an_operator_sees_the_rates_and_the_blocked_warning_and_undoes_an_editions_bounces_after_confirming() {
        given.clear();
        long gone = given.reader("gone1@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("blocked1@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("blocked2@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("blocked3@example.com", null, "WEEKLY", "CONFIRMED");
        given.readers("weekly", 4);
        long edition = RefusedEdition.send(http, sql, given, clock, asAdmin());
        assertThat(statusOf(gone)).isEqualTo("BOUNCED");

        signInAsOwner();
        browser.find("a[href='/admin/dashboard/bounces']").click();
        browser.awaitHeading("Bounces and complaints");

        String row = "#editions tr[data-edition='" + edition + "'] ";
        assertThat(browser.find(row + ".hard").getText()).isEqualTo("12.50% (1)");
        assertThat(browser.find(row + ".blocked").getText()).isEqualTo("37.50% (3)");
        assertThat(browser.find(row + ".complaint").getText()).isEqualTo("0.00% (0)");
        assertThat(browser.find(".alarm[role=alert]").getText())
                .startsWith("Edition " + edition + ": 37.50% of its mail (3) was refused as from a blocked sender");
        browser.find(".filters a[href$='type=hard']").click();
        browser.await(".filters a[aria-current=page][href$='type=hard']");
        assertThat(browser.driver().findElements(By.cssSelector("#entries tbody tr"))).hasSize(1);
        assertThat(browser.find("#entries tbody tr").getText()).contains("gone1@example.com").contains("5.1.1").contains("smtp");

        browser.screenshots("admin-bounces");
        // screenshots() leaves the page at phone width.
        assertThat((Boolean) browser.script("return window.innerWidth < 600 && document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling of the page at phone width; wide tables scroll in their own box").isTrue();

        browser.find(row + "form.undo-edition button").click();
        // The confirmation is the same page's heading with a question under it: wait for the question.
        assertThat(browser.await("#confirm-heading").getText()).isEqualTo("Undo these bounces?");
        assertThat(browser.find(".confirm p").getText()).startsWith("This undoes 1 bounce (hard and soft bounces of edition "
                + edition + ") of 1 reader.");
        assertThat(statusOf(gone)).as("nothing happens before the confirmation").isEqualTo("BOUNCED");

        browser.find("#confirm-restore button").click();
        assertThat(browser.await(".notice[role=status]").getText()).isEqualTo("1 reader is back to confirmed; 1 bounce undone.");
        assertThat(statusOf(gone)).isEqualTo("CONFIRMED");
        assertThat(browser.find("#entries tbody tr[data-type=hard]").getText()).contains("hard (undone)");
        assertThat(browser.console()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private String statusOf(long subscriberId) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", subscriberId);
    }
}
