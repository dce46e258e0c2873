package io.overdue.workbench;

import io.overdue.dunning.CaseActions;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.promises.Promise;
import io.overdue.promises.PromiseStatus;
import io.overdue.promises.Promises;
import io.overdue.support.ApplicationTest;
import io.overdue.support.BrowserTest;
import io.overdue.support.ChromiumSession;
import io.overdue.support.WebappsEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector's morning in a real headless Chromium: log in on the workbench, find the call in the work queue, read
 * the customer file, claim the task and open it in Tasklist (same login), complete its Camunda Form with a promise to
 * pay, and find the promise on the customer file. Screenshots of every page go to target/screenshots.
 */
@BrowserTest
class WorkbenchBrowserTest extends ApplicationTest {

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("workbench-", 1280, 1000);

    @LocalServerPort int port;
    @Autowired CaseActions cases;
    @Autowired TaskService tasks;
    @Autowired Promises promises;
    @Autowired ProcessEngine engine;
    @Autowired FormTranslations translations;

    @Test
    void aCollectorTakesACallFromTheQueueAndRecordsAPromiseInTasklist() throws Exception {
        ChromeDriver browser = chromium.driver();
        ProcessEngine webappsEngineBefore = WebappsEngine.bind(engine); // Tasklist finds its engine by name
        try {
            collectorsMorning(browser);
        } finally {
            WebappsEngine.restore(webappsEngineBefore);
        }
    }

    @Test
    void aCollectorWhoChoseNorwegianGetsTheCallFormInNorwegian() throws Exception {
        ChromeDriver browser = chromium.driver();
        ProcessEngine webappsEngineBefore = WebappsEngine.bind(engine);
        try {
            String customer = unique("N");
            WorkbenchTestData.customer(as(ERP), customer, """
                    {"name": "Nordkapp Sjømat AS", "kind": "BUSINESS", "country": "NO", "language": "nb"}""");
            String invoice = WorkbenchTestData.invoice(as(ERP), customer,
                    LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(40), "NOK", "12000");
            assertThat(cases.callNow(invoice)).isTrue();
            String taskId = tasks.createTaskQuery().processInstanceBusinessKey(invoice).singleResult().getId();

            browser.manage().deleteAllCookies();
            browser.get(url("/workbench/login"));
            waitFor(By.id("username")).sendKeys(COLLECTOR);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            new Select(waitFor(By.id("language"))).selectByValue("nb");
            waitFor(By.cssSelector("tr[data-task='" + taskId + "'] button.primary"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Arbeidskø");
            browser.findElement(By.cssSelector("tr[data-task='" + taskId + "'] button.primary")).click();

            String label = translations.texts("nb").getProperty("CallCustomerForm.Field_ContactResult.label");
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(.), '" + label + "')]")));
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Did you reach the customer?");
            screenshot("9-tasklist-form-in-norwegian");
        } finally {
            engine.getIdentityService().deleteUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY);
            WebappsEngine.restore(webappsEngineBefore);
        }
    }

    private void collectorsMorning(ChromeDriver browser) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        String customer = unique("B");
        WorkbenchTestData.customer(as(ERP), customer, """
                {"name": "Nordlys Bakeri AS", "organisationNumber": "923609016", "kind": "BUSINESS", "country": "NO",
                 "language": "nb", "email": "post@nordlys.example", "phone": "+4791234567",
                 "contacts": [{"role": "CFO", "name": "Ingrid Tall", "email": "ingrid@nordlys.example"}]}""");
        String invoice = WorkbenchTestData.invoice(as(ERP), customer, today.minusDays(25), "NOK", "987654");
        assertThat(cases.callNow(invoice)).isTrue();
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(invoice).singleResult().getId();

        browser.get(url("/workbench"));
        waitFor(By.id("username")).sendKeys(COLLECTOR);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        screenshot("1-login");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        // The biggest debt, 25 days overdue, is near the top; the row carries the task's id.
        WebElement row = waitFor(By.cssSelector("tr[data-task='" + taskId + "']"));
        assertThat(row.getText()).contains("Call customer", "Nordlys Bakeri AS", "987,654.00 NOK", "25");
        screenshot("2-work-queue");

        row.findElement(By.linkText("Nordlys Bakeri AS")).click();
        waitFor(By.cssSelector("tr[data-invoice='" + invoice + "']"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Nordlys Bakeri AS");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Ingrid Tall", "1 open invoice");
        screenshot("3-customer-file");

        browser.navigate().back();
        waitFor(By.cssSelector("tr[data-task='" + taskId + "'] button.primary")).click();

        // Tasklist, with the workbench's login: the task's Camunda Form.
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(.), 'Reached the customer')]")));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("4-tasklist-form-missing");
            throw new AssertionError("No call form in Tasklist at " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(COLLECTOR);
        screenshot("4-tasklist-form");
        inView(label("Reached the customer")).click();
        inView(label("Promised to pay")).click();
        LocalDate promised = today.plusDays(7);
        WebElement date = inView(waitFor(By.cssSelector("input[placeholder='mm/dd/yyyy']")));
        date.sendKeys(promised.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        date.sendKeys(Keys.TAB);
        inView(browser.findElement(By.xpath("//label[normalize-space(.)='Notes']/following::textarea[1]")))
                .sendKeys("Pays next week, confirmed by the CFO");
        screenshot("5-tasklist-promise");
        inView(browser.findElement(By.xpath("//button[normalize-space(.)='Complete']"))).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> tasks.createTaskQuery().taskId(taskId).count() == 0);
        List<Promise> made = promises.of(invoice);
        assertThat(made).singleElement().satisfies(promise -> {
            assertThat(promise.status()).isEqualTo(PromiseStatus.PENDING);
            assertThat(promise.promisedDate()).isEqualTo(promised);
        });

        browser.get(url("/workbench/customers/" + customer));
        WebElement promisesTable = waitFor(By.cssSelector("table.promises"));
        assertThat(promisesTable.getText()).contains(invoice, promised.toString(), "PENDING");
        screenshot("6-promise-on-customer-file");

        // A call logged from the file, by keyboard-reachable form controls.
        browser.findElement(By.cssSelector("#act-call summary")).click();
        new Select(waitFor(By.cssSelector("#act-call select[name=outcome]"))).selectByValue("LEFT_MESSAGE");
        browser.findElement(By.cssSelector("#act-call textarea[name=note]")).sendKeys("Left a message for Ingrid");
        screenshot("7-log-a-call");
        browser.findElement(By.cssSelector("#act-call button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("p.notice")).getText()).contains("Call logged for invoice " + invoice);
        assertThat(browser.findElement(By.cssSelector("table.communications")).getText()).contains("CALL");

        // The case page: the diagram marks the promise's wait, and the outlook starts with the promise's check.
        browser.findElement(By.cssSelector("tr[data-invoice='" + invoice + "']")).findElement(By.linkText("Case")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(By.id("diagram"),
                "data-state", "drawn"));
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.current[data-element-id='"
                + Elements.PROMISED_PAYMENT_DUE + "']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.passed"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("table.outlook tbody tr")).getText())
                .contains("The promise is checked", promised.plusDays(2).toString());
        screenshot("8-case-page");
    }

    /** Tasklist's footer covers the bottom of its form: what is clicked is scrolled to the middle first. */
    private WebElement inView(WebElement element) {
        chromium.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }

    private WebElement label(String text) {
        return waitFor(By.xpath("//label[contains(normalize-space(.), '" + text + "')]"));
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(locator));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
