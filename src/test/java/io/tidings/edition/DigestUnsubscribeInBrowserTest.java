package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Mails;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class DigestUnsubscribeInBrowserTest extends BrowserTest {

    @Test
    void unsubscribe_from_the_link_in_a_digest() {
        long reader = given.reader("reader@example.com", "Rea", "DAILY", "CONFIRMED");
        given.article("Safe sleep for newborns", clock.instant().minus(Duration.ofHours(1)), "baby");
        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"daily\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isIn(200, 201);

        String link = Mails.link(awaitMessagesTo("reader@example.com", 1).get(0), "/unsubscribe?token=");
        assertThat(link).startsWith(baseUrl + "/unsubscribe?token=");
        browser.open(link);
        browser.awaitHeading("Unsubscribe");
        browser.screenshots("unsubscribe");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", reader)).as("opening the link changes nothing")
                .isEqualTo("CONFIRMED");

        browser.find("main form button").click();
        browser.awaitHeading("You are unsubscribed");
        browser.screenshots("unsubscribed");
        assertThat(sql.text("SELECT status FROM subscriber WHERE id = ?", reader)).isEqualTo("UNSUBSCRIBED");
    }
}
