package io.overdue.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks tests that drive a real headless Chromium through the system's chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}; OVERDUE_TEST_CHROMIUM and OVERDUE_TEST_CHROMEDRIVER point elsewhere).
 * Nothing is downloaded: both paths are given to Selenium, so Selenium Manager never runs. On a developer machine
 * without them the tests are skipped; on CI (CI=true) a missing browser is an error, never a skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserTest.Condition.class)
public @interface BrowserTest {

    /** The browser and its driver. */
    final class Chromium {

        private Chromium() {
        }

        public static Path binary() {
            return Path.of(System.getenv().getOrDefault("OVERDUE_TEST_CHROMIUM", "/usr/bin/chromium"));
        }

        public static Path driver() {
            return Path.of(System.getenv().getOrDefault("OVERDUE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        }

        /** A headless Chromium with a window of the given size (the size of the screenshots). */
        public static ChromeDriver start(int width, int height) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary().toFile());
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=" + width + "," + height, "--lang=en-GB");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver().toFile()).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        }
    }

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Path binary = Chromium.binary();
            Path driver = Chromium.driver();
            if (Files.isExecutable(binary) && Files.isExecutable(driver)) {
                return ConditionEvaluationResult.enabled("Chromium at " + binary + ", chromedriver at " + driver);
            }
            String missing = (Files.isExecutable(binary) ? "" : binary + " ") + (Files.isExecutable(driver) ? "" : driver);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("Browser tests are mandatory on CI; missing " + missing.strip()
                        + " (apt-get install chromium chromium-driver, see .ci/run)");
            }
            return ConditionEvaluationResult.disabled("No " + missing.strip() + "; browser tests run on CI (see .ci/run)");
        }
    }
}
