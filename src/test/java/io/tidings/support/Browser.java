package io.tidings.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Headless Chromium from the system's packages, driven by the system's chromedriver. Both paths
 * are given to Selenium, so Selenium Manager never runs and nothing is downloaded.
 */
public final class Browser implements AutoCloseable {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    /** Reading the browser log empties it, so what was read is kept here. */
    private final List<String> consoleSeen = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Path chromium() {
        return setting("CHROMIUM_BINARY", "/usr/bin/chromium");
    }

    static Path chromedriver() {
        return setting("CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    /** A system property, else an environment variable of the same name, else the Debian path. */
    private static Path setting(String name, String debianPath) {
        String value = System.getProperty(name, System.getenv(name));
        return Path.of(value == null || value.isBlank() ? debianPath : value);
    }

    /** Why no browser can start here, or null when one can. */
    static String unavailable() {
        if (!Files.isExecutable(chromium())) {
            return missing("headless Chromium", chromium());
        }
        return Files.isExecutable(chromedriver()) ? null : missing("chromedriver", chromedriver());
    }

    private static String missing(String what, Path where) {
        return what + " not found at " + where
                + ": install chromium and chromium-driver (or set CHROMIUM_BINARY and CHROMEDRIVER)";
    }

    /** A fresh browser with a profile of its own, showing pages as a phone would. */
    static Browser start() {
        Path profile = createProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        // Flags that work as root on a closed network: no sandbox, no background traffic, no QUIC.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        Browser browser = new Browser(new ChromeDriver(service, options), profile);
        browser.emulate(PHONE);
        return browser;
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory("tidings-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    /** Waits for the page whose heading is {@code heading}, as after pressing a form's button. */
    public void awaitHeading(String heading) {
        awaiting().until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
    }

    /** Waits until an element matching {@code cssSelector} is on the page. */
    public WebElement await(String cssSelector) {
        return awaiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(cssSelector)));
    }

    /** Waits until a console message contains {@code text}. */
    public void awaitConsole(String text) {
        awaiting().until(ignored -> console().stream().anyMatch(message -> message.contains(text)));
    }

    private WebDriverWait awaiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    public Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Presses TAB once, as a keyboard user moving to the next control. */
    public void pressTab() {
        new Actions(driver).sendKeys(Keys.TAB).perform();
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Console messages since the browser started, each prefixed with its level. */
    public List<String> console() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            consoleSeen.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(consoleSeen);
    }

    /** The current page at phone and at desktop width, as {@code <name>-phone.png} and {@code <name>-desktop.png}. */
    public void screenshots(String name) {
        screenshot(name + "-desktop", DESKTOP);
        screenshot(name + "-phone", PHONE);
    }

    /** The current page at phone width, as {@code <name>.png}. */
    public void screenshot(String name) {
        screenshot(name, PHONE);
    }

    /** The current page at {@code width} CSS pixels, as {@code <name>.png}; returns where it was written. */
    public Path screenshot(String name, int width) {
        screenshot(name, new Dimension(width, PHONE.height));
        return SCREENSHOTS.resolve(name + ".png");
    }

    /** Emulates a device {@code width} CSS pixels wide, as a phone below 600, until the next screenshot. */
    public void width(int width) {
        emulate(new Dimension(width, PHONE.height));
    }

    /** The colour scheme the system prefers, {@code light} or {@code dark}, as pages' media queries see it. */
    public void colourScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The whole page at the given width: the viewport grows to the page's height for the picture. */
    private void screenshot(String name, Dimension size) {
        try {
            emulate(size);
            int height = ((Number) script("return document.documentElement.scrollHeight")).intValue();
            emulate(new Dimension(size.width, Math.max(size.height, height)));
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            emulate(PHONE);
        }
    }

    /**
     * A device of the given size; below tablet width a phone, which honours the pages' viewport tag.
     * Headless windows cannot be narrower than 500 pixels, so phones are emulated.
     */
    private void emulate(Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width,
                "height", size.height, "deviceScaleFactor", 1, "mobile", size.width < 600));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
