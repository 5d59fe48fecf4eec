package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.article.FeedSiteBrowserTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An editor in headless Chromium: edits an article and leaves it out, adds and polls a feed, sees readers
 * and bounces without the buttons to resend, erase or undo, and is refused an erase written by hand.
 */
@MicronautTest(transactional = false)
class EditorInBrowserTest extends FeedSiteBrowserTest {

    @Inject
    Operators operators;

    @Test
    void an_editor_edits_articles_and_polls_feeds_but_may_only_look_at_readers() {
        given.clear();
        sql.update("DELETE FROM feed");
        long article = given.article("Teething signs", clock.instant().minus(Duration.ofHours(1)), "baby");
        long dee = given.reader("dee@example.com", "Dee", "DAILY", "PENDING", "baby");
        operators.create("ed@example.com", "Ed", Rights.Role.EDITOR, "an-editors-password");
        signInAs("ed@example.com", "an-editors-password");
        assertThat(consoleSections()).as("an editor's sections").contains("Readers", "Articles", "Feeds")
                .doesNotContain("Operators and keys");

        open("/admin/dashboard/articles/" + article);
        browser.awaitHeading("Teething signs");
        browser.find("#title").clear();
        browser.find("#title").sendKeys("Teething: the signs");
        browser.find("#edit button").click();
        browser.awaitHeading("Teething: the signs");
        browser.find("#leave-out button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.find("#digest-state").getText().equals("left out"));

        site.serve("/editor.xml", "application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>The site</title><link>https://site.example/</link><description>Articles</description>
                <item><guid isPermaLink="false">e-1</guid><link>https://site.example/e/1</link><title>Naps by age</title></item>
                </channel></rss>""");
        browser.find("a[href='/admin/dashboard/feeds']").click();
        browser.awaitHeading("Feeds");
        browser.find("#feed-name").sendKeys("editor");
        browser.find("#feed-url").sendKeys(site.url("/editor.xml"));
        browser.find("#add-feed button").click();
        assertThat(browser.await(".notice[role=status]").getText()).startsWith("The feed is added");
        browser.find("#feed-editor form.act-poll button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getCurrentUrl().contains("done=polled"));
        assertThat(browser.find("#feed-editor .last-poll").getText()).endsWith("UTC, ok");

        browser.find("a[href='/admin/dashboard/readers']").click();
        browser.awaitHeading("Readers");
        browser.find("#readers tbody tr a").click();
        browser.awaitHeading("dee@example.com");
        assertThat(browser.driver().findElements(By.cssSelector("#resend, #erase"))).as("no resend or erase button").isEmpty();
        open("/admin/dashboard/bounces");
        browser.awaitHeading("Bounces and complaints");
        assertThat(browser.driver().findElements(By.cssSelector("main form[method=post]"))).as("no undo of bounces").isEmpty();

        // A form written by hand is refused by the server, not only hidden.
        browser.script("const f = document.createElement('form'); f.method = 'post'; f.action = '/admin/dashboard/readers/"
                + dee + "/erase'; f.innerHTML = '<input name=confirm value=yes>'; document.body.append(f); f.submit();");
        assertThat(browser.await("main").getText()).contains("does not allow");
        assertThat(sql.count("SELECT COUNT(*) FROM subscriber WHERE id = ?", dee)).as("the reader is still there").isEqualTo(1);
    }
}
