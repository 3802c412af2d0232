package org.congressvote.system.pages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's headless Chromium driven through chromedriver, with its own profile, so every
 * delegate has separate storage (sessionStorage, localStorage) as on separate phones.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getProperty("congress.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("congress.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    Browser(int width, int height) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run does)");
        }
        profile = Files.createTempDirectory("congress-browser-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--lang=vi");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs a script in the page and answers its result (for what a user's device keeps, e.g. localStorage). */
    Object script(String js) {
        return driver.executeScript(js);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for a condition, 10 s at most, polling every 50 ms. */
    <T> T await(ExpectedCondition<T> condition) {
        return await(condition, Duration.ofSeconds(10));
    }

    <T> T await(ExpectedCondition<T> condition, Duration timeout) {
        // the pages re-render their lists as data arrives: an element found a moment ago may be gone
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            // what a user would have seen: the page's message line and any alert on it
            List<String> shown = driver.findElements(By.cssSelector("#flash, [role=alert], .message.error")).stream()
                    .filter(WebElement::isDisplayed)
                    .map(WebElement::getText)
                    .toList();
            throw new org.openqa.selenium.TimeoutException(
                    e.getMessage() + "\nShown on " + driver.getCurrentUrl() + ": " + shown, e);
        }
    }

    void click(String css) {
        await(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            if (!element.isDisplayed() || !element.isEnabled()) {
                return null;
            }
            element.click(); // a stale element (the list was redrawn meanwhile) is found again
            return true;
        });
    }

    void type(String css, String text) {
        WebElement input = await(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.isDisplayed() && element.isEnabled() ? element : null;
        });
        input.clear();
        input.sendKeys(text);
    }

    /** The visible text of the element, once it is there. */
    String text(String css) {
        return await(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Saves the page as target/screenshots/NAME.png (the whole page when asked, by growing the window). */
    Path screenshot(String name, boolean wholePage) throws IOException {
        Dimension size = driver.manage().window().getSize();
        if (wholePage) {
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(size.width, (int) Math.min(4000, height + 140)));
        }
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        if (wholePage) {
            driver.manage().window().setSize(size);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
