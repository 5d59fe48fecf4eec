package io.tidings.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

/**
 * The whole service seen through headless Chromium, one browser per test class. Pages test the
 * web layer, not the database: the {@code browser} tag keeps them out of the PostgreSQL run.
 */
@Tag("browser")
@ExtendWith(BrowserCondition.class)
public abstract class BrowserTest extends ServiceTest {

    private final int port = freePort();
    /** Where the service listens, and where every link in its emails points. */
    protected final String baseUrl = "http://127.0.0.1:" + port;
    protected Browser browser;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(port), "tidings.site.public-base-url", baseUrl);
    }

    @BeforeAll
    void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Opens a page of the service by its path and query. */
    protected void open(String pathAndQuery) {
        browser.open(baseUrl + pathAndQuery);
    }

    /** Forgets any session and signs in to the console as this operator. */
    protected void signInAs(String email, String password) {
        browser.driver().manage().deleteAllCookies();
        open("/admin/");
        browser.awaitHeading("Sign in");
        browser.find("#email").sendKeys(email);
        browser.find("#password").sendKeys(password);
        browser.find("main form button").click();
        browser.awaitHeading("Overview");
    }

    /** The console's sections this browser's operator sees. */
    protected List<String> consoleSections() {
        return browser.driver().findElements(By.cssSelector("nav[aria-label=Console] a")).stream()
                .map(WebElement::getText).toList();
    }

    /** Opens the console and signs in as the owner made from ADMIN_EMAIL and ADMIN_PASSWORD, unless signed in already. */
    protected void signInAsOwner() {
        open("/admin/");
        if (browser.find("h1").getText().equals("Sign in")) {
            browser.find("#email").sendKeys(ADMIN_EMAIL);
            browser.find("#password").sendKeys(ADMIN_PASSWORD);
            browser.find("main form button").click();
            browser.awaitHeading("Overview");
        }
    }
}
