package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Json;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class ViewerInBrowserTest extends BrowserTest {

    @Inject
    Operators operators;

    @Test
    void a_viewer_follows_an_editions_progress_but_is_offered_no_control_and_is_refused_one() {
        given.clear();
        given.article("Sleep in the fourth trimester", clock.instant(), "baby");
        given.readers("weekly", 2);
        Object id = Json.object(Json.object(http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin()).body()),
                "edition").get("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> Json.object(Json.object(
                http.get("/admin/editions/" + id, asAdmin()).body()), "delivery").get("sent").equals(2));
        operators.create("viewer@example.com", "Vi", Rights.Role.VIEWER, "a-viewers-password");

        signInAs("viewer@example.com", "a-viewers-password");
        assertThat(consoleSections()).as("a viewer's sections").containsExactly("Overview", "Editions", "Articles", "Feeds");

        browser.find("a[href='/admin/dashboard/editions']").click();
        browser.awaitHeading("Editions");
        assertThat(browser.driver().findElements(By.id("trigger"))).as("no form to send an edition").isEmpty();
        open("/admin/dashboard/editions/" + id);
        assertThat(browser.await("dd[data-count=sent]").getText()).as("the progress a viewer follows").isEqualTo("2");
        assertThat(browser.driver().findElements(By.cssSelector("main form[method=post]"))).as("no pause, cancel or test form").isEmpty();
        assertThat(browser.find("main").getText()).contains("Previewing as a chosen reader needs the right to read readers.");

        // A form written by hand is refused by the server, not only hidden.
        browser.script("const f = document.createElement('form'); f.method = 'post'; f.action = '/admin/dashboard/editions/"
                + id + "/cancel'; document.body.append(f); f.submit();");
        assertThat(browser.await("main").getText()).contains("does not allow");
    }

    @Test
    void a_viewer_sees_readers_only_where_the_owner_allowed_their_addresses() {
        given.clear();
        long dee = given.reader("dee@example.com", "Dee", "WEEKLY", "CONFIRMED", "baby");
        Operator allowed = operators.create("reads-addresses@example.com", "Al", Rights.Role.VIEWER, "an-allowed-password");
        operators.change(allowed.id(), Rights.Role.VIEWER, true, null);
        operators.create("no-addresses@example.com", "No", Rights.Role.VIEWER, "a-refused-password");

        signInAs("reads-addresses@example.com", "an-allowed-password");
        assertThat(consoleSections()).as("an allowed viewer's sections").contains("Readers");
        browser.find("a[href='/admin/dashboard/readers']").click();
        browser.awaitHeading("Readers");
        assertThat(browser.find("#readers tbody").getText()).contains("dee@example.com");
        open("/admin/dashboard/readers/" + dee);
        browser.awaitHeading("dee@example.com");
        assertThat(browser.driver().findElements(By.cssSelector("main form[method=post]"))).as("no resend or erase").isEmpty();

        signInAs("no-addresses@example.com", "a-refused-password");
        assertThat(consoleSections()).as("a viewer without addresses").doesNotContain("Readers");
        open("/admin/dashboard/readers");
        assertThat(browser.await("main").getText()).contains("does not allow").doesNotContain("dee@example.com");
    }
}
