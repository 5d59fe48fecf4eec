package io.tidings.article;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's readers, articles and feeds pages in headless Chromium, signed in as the owner:
 * a search finds a reader who is then erased, leaving an article out takes it out of the next digest's
 * preview, and a feed added then polled shows its last poll. Each page is pictured at 1280 and 375 px.
 */
@MicronautTest(transactional = false)
class ConsoleInBrowserTest extends FeedSiteBrowserTest {

    @BeforeEach
    void signIn() {
        given.clear();
        sql.update("DELETE FROM feed");
        signInAsOwner();
    }

    @Test
    void a_search_finds_a_reader_whose_page_shows_their_record_and_who_is_erased_after_confirming() {
        given.readers("weekly", 12);
        long dee = given.reader("dee@example.com", "Dee Example", "DAILY", "PENDING", "baby");
        given.reader("eve@example.com", "Eve", "WEEKLY", "UNSUBSCRIBED", "pregnancy");
        // Dee asked and was sent the confirmation email, and has not confirmed yet.
        sql.update("UPDATE subscriber SET confirmed_at = NULL WHERE id = ?", dee);
        sql.update("""
                INSERT INTO outbox (kind, subscriber_id, recipient, message_id, status, attempts, due_at, created_at, sent_at)
                VALUES ('CONFIRMATION', ?, 'dee@example.com', '<c1@test>', 'SENT', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""", dee);

        browser.find("a[href='/admin/dashboard/readers']").click();
        browser.awaitHeading("Readers");
        assertThat(browser.driver().findElements(By.cssSelector("#readers tbody tr"))).hasSize(14);
        pictures("admin-readers");
        browser.find("#q").sendKeys("DEE EX");
        browser.find("#search button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().findElements(By.cssSelector("#readers tbody tr")).size() == 1);
        assertThat(browser.find("#readers tbody tr").getText()).contains("dee@example.com").contains("pending").contains("daily");

        browser.find("#readers tbody tr a").click();
        browser.awaitHeading("dee@example.com");
        assertThat(browser.find("#reader-state").getText()).isEqualTo("pending");
        assertThat(browser.find("#mail tbody tr").getText()).startsWith("confirmation sent 1");
        assertThat(browser.find("#resend button").isDisplayed()).isTrue();
        pictures("admin-reader");

        browser.find("#erase button").click();
        browser.await("#erase-heading");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE id = ?", dee)).as("nothing before the confirmation").isEqualTo(1);
        browser.find("#confirm-erase button").click();
        assertThat(browser.await(".notice[role=status]").getText()).isEqualTo("The reader is erased.");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE id = ?", dee)).isZero();
        assertThat(browser.find("main").getText()).doesNotContain("dee@example.com");
        assertThat(browser.console()).as("the console's pages break none of its rules")
                .noneMatch(message -> message.contains("/admin/dashboard/") && message.contains("Content Security Policy"));
    }

    @Test
    void leaving_an_article_out_takes_it_out_of_the_next_digests_preview() {
        long teething = given.article("Teething signs", clock.instant().minus(Duration.ofHours(2)), "baby");
        given.article("Second trimester scans", clock.instant().minus(Duration.ofHours(1)), "pregnancy");
        given.articles("Older article", 3, clock.instant().minus(Duration.ofDays(20)));

        browser.find("a[href='/admin/dashboard/articles']").click();
        browser.awaitHeading("Articles");
        assertThat(browser.find("#next-daily").getText()).contains("Teething signs").contains("Second trimester scans");
        pictures("admin-articles");

        browser.find("#articles tr[data-article='" + teething + "'] form.leave-out button").click();
        assertThat(browser.await(".notice[role=status]").getText()).isEqualTo("The article is left out of the digests still to come.");
        assertThat(browser.find("#next-daily").getText()).doesNotContain("Teething signs").contains("Second trimester scans");
        assertThat(browser.find("#next-weekly").getText()).doesNotContain("Teething signs");
        assertThat(browser.find("#articles tr[data-article='" + teething + "']").getText()).contains("left out").contains("Put back");

        open("/admin/editions/preview?frequency=daily");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getPageSource().contains("Second trimester scans"));
        assertThat(browser.driver().getPageSource()).doesNotContain("Teething signs");

        open("/admin/dashboard/articles/" + teething);
        browser.awaitHeading("Teething signs");
        assertThat(browser.find("#digest-state").getText()).isEqualTo("left out");
        pictures("admin-article");
    }

    @Test
    void a_feed_added_then_polled_shows_its_last_poll() {
        site.serve("/console.xml", RSS, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>The site</title><link>https://site.example/</link><description>Articles</description>
                <item><guid isPermaLink="false">c-1</guid><link>https://site.example/c/1</link><title>Naps by age</title></item>
                </channel></rss>""");

        browser.find("a[href='/admin/dashboard/feeds']").click();
        browser.awaitHeading("Feeds");
        browser.find("#feed-name").sendKeys("console");
        browser.find("#feed-url").sendKeys(site.url("/console.xml"));
        browser.find("#add-feed input[name=topics][value=baby]").click();
        browser.find("#feed-interval").sendKeys("45m");
        browser.find("#add-feed button").click();
        assertThat(browser.await(".notice[role=status]").getText()).startsWith("The feed is added");
        assertThat(browser.find("#feed-console .last-poll").getText()).isEqualTo("never");

        browser.find("#feed-console form.act-poll button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getCurrentUrl().contains("done=polled"));
        assertThat(browser.await(".notice[role=status]").getText()).isEqualTo("The feed was polled: its last poll is below.");
        assertThat(browser.find("#feed-console .last-poll").getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, ok");
        assertThat(browser.find("#feed-console .last-error").getText()).isEqualTo("none");
        pictures("admin-feeds");
    }

    private static final String RSS = "application/rss+xml";

    /** The page at desktop and phone width, and no sideways scrolling of the page at phone width. */
    private void pictures(String name) {
        browser.screenshot(name + "-1280", 1280);
        browser.screenshot(name + "-375", 375);
        browser.width(375);
        assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling of the page at 375 px; wide tables scroll in their own box").isTrue();
    }
}
