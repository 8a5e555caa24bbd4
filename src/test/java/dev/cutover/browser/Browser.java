package dev.cutover.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, headless, driven by the system's chromedriver (nothing is downloaded:
 * both paths are given, so Selenium Manager is never asked), pointed at the application under
 * test. A page check is {@code browser.open(path).shows(text…)}; {@link #screenshot} keeps each
 * step under {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    // generous: Tasklist loads a few MB of scripts, and CI machines are shared
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String base;
    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    private Browser(String base, ChromeDriver driver, Path profile) {
        this.base = base;
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Chromium on the application at {@code http://127.0.0.1:port}; fails, saying how to install it, when absent. */
    static Browser on(int port) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("The browser test needs Debian's Chromium and its driver at %s and %s:"
                        + " apt-get update && apt-get install -y chromium chromium-driver (.ci/run does it)",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("cutover-chromium-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1300",
                            "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            Files.createDirectories(SCREENSHOTS);
            return new Browser("http://127.0.0.1:" + port, new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Opens a page behind HTTP Basic as a person answering the browser's login prompt would. */
    Browser openAs(String user, String password, String path) {
        driver.get(base.replace("://", "://" + user + ":" + password + "@") + path);
        return this;
    }

    /** Waits until the page shows every text (visible to a person, not just in the markup). */
    Browser shows(String... texts) {
        for (String text : texts) {
            wait.withMessage(() -> "the page shows '" + text + "'")
                    .until(page -> page.findElement(By.tagName("body")).getText().contains(text));
        }
        return this;
    }

    WebElement waitFor(By element) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    WebElement clickable(By element) {
        return wait.until(ExpectedConditions.elementToBeClickable(element));
    }

    /** Clicks the element once it is clickable, scrolled to the middle first: the page's footer covers the bottom. */
    void click(By element) {
        WebElement target = clickable(element);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    void waitUntilGone(By element) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(element));
    }

    /** True when an element matching is displayed on the page now. */
    boolean displays(By element) {
        return driver.findElements(element).stream().anyMatch(WebElement::isDisplayed);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Keeps what the browser shows now as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
            Files.write(SCREENSHOTS.resolve(name + ".console.txt"), driver.manage().logs().get(LogType.BROWSER)
                    .getAll().stream().map(Object::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile left behind harms nothing
        }
    }
}
