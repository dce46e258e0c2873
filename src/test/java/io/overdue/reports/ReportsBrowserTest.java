package io.overdue.reports;

import io.overdue.support.ApplicationTest;
import io.overdue.support.BrowserTest;
import io.overdue.support.ChromiumSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager in a real headless Chromium: logs in on the workbench, opens the reports from the top bar, picks dates of
 * their own (March 2021, the known ledger), reads the DSO and the aging, and downloads the aging as CSV. Screenshots
 * of each step go to target/screenshots/reports-*.png, one also at a phone's width.
 */
@BrowserTest
class ReportsBrowserTest extends ApplicationTest {

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("reports-", 1280, 1400);

    @LocalServerPort int port;
    @Autowired NamedParameterJdbcTemplate jdbc;

    @BeforeEach
    void ledgerAndManager() {
        ReportLedger.write(jdbc);
        ReportsPageTest.member(identity, ReportsPageTest.MANAGER, "managers");
    }

    @Test
    void aManagerReadsTheReportsOfMarchAndDownloadsTheAging() throws Exception {
        ChromeDriver browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(1280, 1400));
        browser.get(url("/workbench/login"));
        waitFor(By.id("username")).sendKeys(ReportsPageTest.MANAGER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        chromium.screenshot("1-login");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        waitFor(By.linkText("Reports")).click();
        waitFor(By.id("period-summary"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Reports");
        chromium.screenshot("2-this-month");

        new Select(browser.findElement(By.id("period"))).selectByVisibleText("Dates of my own");
        // Chromium's date fields type in the browser's own order (dd/mm/yyyy here): the value is set as the form sends it.
        setDate("from", "2021-03-01");
        setDate("to", "2021-03-31");
        browser.findElement(By.cssSelector("form.period button[type=submit]")).click();

        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions
                .textToBePresentInElementLocated(By.id("period-summary"), "From 1 Mar 2021 to 31 Mar 2021"))
                ? browser.findElement(By.id("period-summary")) : null;
        assertThat(summary).isNotNull();
        assertThat(browser.getCurrentUrl()).contains("period=custom", "from=2021-03-01", "to=2021-03-31");
        assertThat(browser.findElement(By.id("table-dso")).getText()).contains("ISK", "8,050.00", "58.6", "Complete");
        assertThat(browser.findElement(By.id("table-aging")).getText()).contains("1–30 days", "3,000.00", "37.3%");
        assertThat(browser.findElements(By.cssSelector("#aging svg rect.bar"))).hasSizeGreaterThanOrEqualTo(5);
        chromium.screenshot("3-march-2021");

        browser.executeScript("document.getElementById('recovery').scrollIntoView()");
        chromium.screenshot("4-recovery-and-cases");

        WebElement csvLink = browser.findElement(By.cssSelector("a[href*='/workbench/reports/aging.csv']"));
        assertThat(csvLink.getText()).isEqualTo("Download “Aging” as CSV");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink.getAttribute("href")))
                .header("Cookie", browser.manage().getCookies().stream().map(Cookie::toString)
                        .map(c -> c.substring(0, c.indexOf(';'))).collect(Collectors.joining("; "))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines()).contains("currency,bucket,invoices,amount,share_percent", "ISK,1-30,1,3000.00,37.3");

        browser.manage().window().setSize(new Dimension(400, 900));
        browser.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("5-phone-width");
    }

    private void setDate(String id, String isoDate) {
        chromium.driver().executeScript("arguments[0].value = arguments[1]", chromium.driver().findElement(By.id(id)), isoDate);
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(locator));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
