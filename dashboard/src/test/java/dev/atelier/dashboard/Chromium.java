package dev.atelier.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium for the browser tests, with the browser console captured. */
final class Chromium {
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long a click or read keeps finding its element again while live re-renders replace it. */
    private static final Duration STALE_RETRY = Duration.ofSeconds(5);
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the calling test class, with a message, when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "browser test skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
                        + "install them with 'apt-get install chromium chromium-driver'");
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Console entries since the last call that show a blocked resource or a script error (a 400 answer is expected). */
    static List<String> scriptProblems(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("Uncaught") || m.contains("Error:"))
                .toList();
    }

    /**
     * Waits until {@code condition} holds, checking every 50 ms. A live page re-renders while the test runs, so an
     * element the condition looks at can be replaced meanwhile (a stale element reference): that counts as "not yet".
     */
    static void waitUntil(WebDriver driver, String what, BooleanSupplier condition, Duration timeout) {
        await(driver, what, timeout, condition::getAsBoolean);
    }

    /**
     * Clicks the {@code index}-th element {@code by} finds, once there are that many; finds it again if a live
     * re-render replaced it between finding and clicking it.
     */
    static void click(WebDriver driver, By by, int index) {
        waitUntil(driver, "click " + by + " #" + index, () -> {
            List<WebElement> found = driver.findElements(by);
            if (found.size() <= index) {
                return false;
            }
            found.get(index).click();
            return true;
        }, STALE_RETRY);
    }

    static void click(WebDriver driver, By by) {
        click(driver, by, 0);
    }

    /** The text of the element {@code by} finds, read again if a live re-render replaced the element meanwhile. */
    static String text(WebDriver driver, By by) {
        return read(driver, "text of " + by, () -> driver.findElement(by).getText());
    }

    /**
     * An attribute of the element {@code by} finds (null when it has none), read again if a live re-render replaced
     * the element meanwhile.
     */
    static String attribute(WebDriver driver, By by, String name) {
        return read(driver, name + " of " + by, () -> driver.findElement(by).getAttribute(name));
    }

    private static String read(WebDriver driver, String what, Supplier<String> value) {
        return await(driver, what, STALE_RETRY, () -> Optional.ofNullable(value.get())).orElse(null);
    }

    /** The first value that is neither null nor false, retried while the element it reads went stale. */
    private static <T> T await(WebDriver driver, String what, Duration timeout, Supplier<T> value) {
        return new WebDriverWait(driver, timeout, POLL).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(d -> value.get());
    }
}
