package io.overdue.plans;

import io.overdue.plans.PlanAcceptanceCheck.Status;
import io.overdue.support.BrowserTest;
import io.overdue.support.ChromiumSession;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance page in a real (headless) browser, from the link in the email to the accepted plan: the form, its
 * CSRF cookie and the click as a customer's browser sends them. Screenshots of every page go to target/screenshots.
 */
@BrowserTest
class PlanAcceptanceBrowserTest extends AcceptanceLinkTest {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/plans/accept\\?token=[A-Za-z0-9_.-]+)");

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("plan-acceptance-", 1000, 1300);

    @LocalServerPort int port;
    @Autowired PlanConfirmations confirmations;
    @Autowired PlanAcceptanceProperties properties;
    @Autowired PlanAcceptanceTokenStore store;

    @Test
    void theCustomerOpensTheEmailedLinkAndAcceptsOnceAndOnlyOnce() throws Exception {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        ProcessInstance process = waitingProcess(invoice);
        confirmations.send(plan.id());
        String link = emailedLink();
        String token = link.substring(link.indexOf("token=") + "token=".length());

        open(link);
        // The same offer in a second tab: a double click or a second look, posted after the first acceptance.
        String first = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().newWindow(WindowType.TAB).get(url(link));
        String second = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().window(first);

        assertThat(chromium.driver().getTitle()).isEqualTo("Payment plan – Overdue Demo AS");
        assertThat(heading()).isEqualTo("Your payment plan");
        assertThat(text()).contains("invoice " + invoice, "3,333.33 NOK", "3,333.34 NOK", "10,000.00 NOK",
                "Please accept by");
        assertThat(chromium.driver().findElements(By.cssSelector("input[name=_csrf]"))).hasSize(1);
        screenshot("1-offer");
        accept();

        assertThat(heading()).isEqualTo("Thank you, your plan is accepted");
        assertThat(text()).contains("First instalment", "3,333.33 NOK", "1503.12.34567", invoice + "0");
        assertThat(chromium.driver().getCurrentUrl()).as("the token is not in the address any more").doesNotContain(token);
        screenshot("2-accepted");
        PaymentPlan accepted = reloaded(plan);
        assertThat(accepted.acceptedAt()).isNotNull();
        assertThat(accepted.acceptedIp()).isEqualTo("127.0.0.1");
        assertThat(accepted.acceptedHow()).isEqualTo(AcceptedHow.LINK);
        assertThat(movedOn(process)).as("the waiting process got the message").isTrue();
        assertThat(runtime.getVariable(process.getId(), PaymentPlanProcess.Variables.PLAN_ACCEPTED_IP)).isEqualTo("127.0.0.1");

        // Reused: the link now says so, and the second tab's Accept changes nothing.
        open(link);
        assertThat(heading()).isEqualTo("This plan is already accepted");
        screenshot("3-reused");
        chromium.driver().switchTo().window(second);
        accept();
        assertThat(heading()).isEqualTo("This plan is already accepted");
        screenshot("4-reused-second-post");
        assertThat(reloaded(plan).acceptedAt()).isEqualTo(accepted.acceptedAt());
        assertThat(reloaded(plan).version()).isEqualTo(accepted.version());
        chromium.driver().close();
        chromium.driver().switchTo().window(first);
    }

    @Test
    void anExpiredLinkSaysSoAndShowsNoPlan() throws Exception {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        waitingProcess(invoice);
        String token = new PlanAcceptanceTokens(properties, store,
                Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC)).issue(plan.id(), invoice);

        open(tokens.link(token));

        assertThat(heading()).isEqualTo("This link has expired");
        assertThat(text()).doesNotContain(invoice).contains("collections@overdue.example");
        assertThat(chromium.driver().findElements(By.id("accept"))).isEmpty();
        screenshot("5-expired");
    }

    @Test
    void aTamperedLinkIsSimplyNotValidAndRecordsNothing() throws Exception {
        Offer offer = offer();

        open(tokens.link(PlanAcceptancePageTest.tampered(offer.token())));

        assertThat(heading()).isEqualTo("This link is not valid");
        assertThat(text()).doesNotContain(offer.invoice());
        assertThat(chromium.driver().findElements(By.id("accept"))).isEmpty();
        screenshot("6-tampered");
        assertThat(reloaded(offer.plan()).acceptedAt()).isNull();
        assertThat(tokens.verify(offer.token()).status()).isEqualTo(Status.VALID);
        assertThat(movedOn(offer.process())).isFalse();
    }

    /** The link of the email GreenMail received, the way the customer clicks it. */
    private static String emailedLink() throws Exception {
        String text = PlanConfirmationsTest.part(MAIL.getReceivedMessages()[0], "text/plain");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("the email has the link").isTrue();
        return link.group(0);
    }

    /**
     * The link's path and query on the test server. 127.0.0.1, not localhost, so that the recorded address is the
     * one the customer's connection came from whatever the resolver prefers.
     */
    private String url(String link) {
        URI uri = URI.create(link);
        return "http://127.0.0.1:" + port + uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private void open(String link) {
        chromium.driver().get(url(link));
    }

    /** Clicks Accept and waits for the answer page: a click returns once the form is sent, not once it loaded. */
    private static void accept() {
        WebElement button = chromium.driver().findElement(By.id("accept"));
        button.click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(button));
    }

    private static String heading() {
        return chromium.driver().findElement(By.tagName("h1")).getText();
    }

    private static String text() {
        return chromium.driver().findElement(By.tagName("body")).getText();
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
