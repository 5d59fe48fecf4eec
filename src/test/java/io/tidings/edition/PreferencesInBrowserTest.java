package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.BrowserTest;
import io.tidings.support.Json;
import io.tidings.support.Mails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A reader opens "change your topics" from a digest and uses every part of the preferences page. */
@MicronautTest(transactional = false)
class PreferencesInBrowserTest extends BrowserTest {

    @Test
    void change_preferences_pause_export_and_erase_from_the_digest_link() {
        long reader = given.reader("prefs@example.com", "Pia", "WEEKLY", "CONFIRMED", "baby");
        given.article("Teething, week by week", clock.instant().minus(Duration.ofHours(1)), "baby");
        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);
        String link = Mails.link(awaitMessagesTo("prefs@example.com", 1).get(0), "/preferences?token=");

        browser.open(link);
        browser.awaitHeading("Your preferences");
        browser.screenshots("preferences");
        browser.find("input[name=topics][value=pregnancy]").click();
        new Select(browser.find("#frequency")).selectByValue("daily");
        browser.find("form:nth-of-type(1) button").click();
        browser.await(".notice[role=status]");
        assertThat(browser.find(".notice[role=status]").getText()).isEqualTo("Saved.");
        assertThat(sql.text("SELECT frequency FROM subscriber WHERE id = ?", reader)).isEqualTo("DAILY");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber_topic WHERE subscriber_id = ?", reader)).isEqualTo(2);

        new Select(browser.find("#weeks")).selectByValue("4");
        browser.find("#weeks").submit();
        browser.await("input[name=action][value=resume]");
        assertThat(browser.find("main").getText()).contains("Paused until");
        assertThat(sql.text("SELECT paused_until FROM subscriber WHERE id = ?", reader)).isNotNull();

        Map<String, Object> export = Json.object(downloadMyData());
        assertThat(Json.object(export, "subscriber")).containsEntry("email", "prefs@example.com").containsEntry("frequency", "daily");
        assertThat(Json.list(export, "deliveries")).extracting(d -> d.get("kind")).containsExactly("digest");

        browser.find("#confirm-erase").click();
        browser.find("button.danger").click();
        browser.awaitHeading("Your data is erased");
        browser.screenshots("erased");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE id = ?", reader)).isZero();
        assertThat(sql.count("SELECT COUNT(*) FROM outbox WHERE subscriber_id = ?", reader)).isZero();
    }

    /** Presses "download my data" as the reader would, and reads the file the browser saved. */
    private String downloadMyData() {
        Path downloads = Path.of("target", "downloads", "preferences");
        try {
            Files.createDirectories(downloads);
            ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
            Path file = downloads.resolve("my-newsletter-data.json");
            Files.deleteIfExists(file);
            browser.find("input[name=action][value=export]").submit();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.size(file) > 0);
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
