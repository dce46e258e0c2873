package io.overdue.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One headless Chromium for a {@link BrowserTest} class, started before its tests and quit after them, and its
 * screenshots, kept as build artifacts in target/screenshots. Register it as a static {@code @RegisterExtension} field.
 */
public final class ChromiumSession implements BeforeAllCallback, AfterAllCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final String prefix;
    private final int width;
    private final int height;
    private ChromeDriver driver;

    /** @param prefix the start of every screenshot's file name, e.g. {@code workbench-} */
    public ChromiumSession(String prefix, int width, int height) {
        this.prefix = prefix;
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        driver = BrowserTest.Chromium.start(width, height);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows now as {@code target/screenshots/<prefix><name>.png}. */
    public void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(prefix + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
