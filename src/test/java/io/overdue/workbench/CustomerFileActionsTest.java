package io.overdue.workbench;

import io.overdue.channels.CallNotes;
import io.overdue.disputes.Dispute;
import io.overdue.disputes.Disputes;
import io.overdue.dunning.CaseActions;
import io.overdue.dunning.CaseHolds;
import io.overdue.dunning.CollectionCaseProcess;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.plans.PaymentPlanProcess;
import io.overdue.promises.Promise;
import io.overdue.promises.Promises;
import io.overdue.support.ApplicationTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.overdue.workbench.WorkbenchHttp.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer file's actions over real HTTP, as a logged-in collector's browser sends them: each reaches the
 * invoice's case (checked in the engine and the records), a refused form says why and keeps what was typed, and a
 * form sent twice records once.
 */
class CustomerFileActionsTest extends ApplicationTest {

    @Autowired Promises promises;
    @Autowired Disputes disputes;
    @Autowired CaseActions cases;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;

    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    WorkbenchHttp browser;
    String customer;
    String invoice;

    @BeforeEach
    void customerWithAnOverdueInvoice() throws Exception {
        customer = unique("A");
        WorkbenchTestData.customer(as(ERP), customer, """
                {"name": "Aurora Bakeri AS", "kind": "BUSINESS", "country": "NO", "language": "nb",
                 "email": "post@aurora.example", "phone": "+4791234567"}""");
        invoice = WorkbenchTestData.invoice(as(ERP), customer, today.minusDays(20), "NOK", "1500");
        browser = new WorkbenchHttp(port);
        assertThat(browser.login(COLLECTOR, PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void aPromiseFromTheFilePausesTheCaseOnceEvenWhenSentTwice() throws Exception {
        String form = "invoice=" + invoice + "&promisedDate=" + today.plusDays(5) + "&amount=1+000,50&note=Pays+Friday";

        String key = unique("k");
        HttpResponse<String> sent = act("promises", form, key);
        act("promises", form, key);

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("#invoice-" + invoice);
        assertThat(promises.of(invoice)).singleElement().satisfies(promise -> {
            assertThat(promise.source()).isEqualTo(Promise.Source.CALL);
            assertThat(promise.amount()).isEqualByComparingTo("1000.50");
            assertThat(promise.promisedDate()).isEqualTo(today.plusDays(5));
            assertThat(promise.note()).isEqualTo("Pays Friday");
        });
        assertThat(waitingAt()).contains(Elements.PROMISED_PAYMENT_DUE);
        assertThat(file()).contains("Promise to pay recorded for invoice " + invoice);
    }

    @Test
    void aRefusedFormSaysWhyAndKeepsWhatWasTyped() throws Exception {
        HttpResponse<String> sent = act("promises", "invoice=" + invoice + "&promisedDate=" + today.minusDays(1)
                + "&amount=99999&note=Said+so", "k2");

        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("#act-promise");
        String page = file();
        assertThat(page).contains("The promise on invoice " + invoice + " was not recorded",
                "promisedDate: must be today (" + today + ") or later", "amount: exceeds the open balance 1500 NOK",
                "value=\"" + today.minusDays(1) + "\"", "Said so", "<details id=\"act-promise\" open");
        assertThat(promises.of(invoice)).isEmpty();
        assertThat(waitingAt()).doesNotContain(Elements.PROMISED_PAYMENT_DUE);
    }

    @Test
    void aDisputeFromTheFileGoesToResolution() throws Exception {
        act("disputes", "invoice=" + invoice + "&reason=" + encode("Half the bread was stale"), "k3");

        assertThat(disputes.of(invoice)).singleElement().satisfies(dispute -> {
            assertThat(dispute.source()).isEqualTo(Dispute.Source.CALL);
            assertThat(dispute.reason()).isEqualTo("Half the bread was stale");
        });
        assertThat(waitingAt()).contains(Elements.RESOLVE_DISPUTE);
    }

    @Test
    void aHoldStopsDunningUntilReleased() throws Exception {
        LocalDate until = today.plusDays(14);
        act("holds", "invoice=" + invoice + "&until=" + until + "&reason=" + encode("Owner in hospital"), null);

        assertThat(waitingAt()).containsExactly(Elements.AWAIT_END_OF_HOLD);
        assertThat(cases.holds(invoice)).singleElement().satisfies(hold -> {
            assertThat(hold.heldUntil()).isEqualTo(until);
            assertThat(hold.heldBy()).isEqualTo(COLLECTOR);
            assertThat(hold.lasting()).isTrue();
        });
        assertThat(file()).contains("The case of invoice " + invoice + " is on hold.",
                "on hold until " + until + " (" + COLLECTOR + ")", "Release hold");
        HttpResponse<String> again = act("holds", "invoice=" + invoice + "&until=" + until + "&reason=again", null);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("#act-hold");
        assertThat(file()).contains("a collector put it on hold; release the hold first");

        act("holds/release", "invoice=" + invoice, null);

        CaseHolds.CaseHold released = cases.holds(invoice).get(0);
        assertThat(released.endedHow()).isEqualTo("RELEASED");
        assertThat(released.endedBy()).isEqualTo(COLLECTOR);
        assertThat(waitingAt()).doesNotContain(Elements.AWAIT_END_OF_HOLD).isNotEmpty();
        assertThat(file()).doesNotContain("on hold until");
    }

    @Test
    void aHoldNeedsADateWithinTheLongestHoldAndAReason() throws Exception {
        act("holds", "invoice=" + invoice + "&until=" + today.plusDays(200) + "&reason=", null);

        assertThat(file()).contains("until: must be at most P90D ahead", "reason: must not be blank");
        assertThat(cases.holds(invoice)).isEmpty();
    }

    @Test
    void aLoggedCallIsAmongTheContactsMadeOnce() throws Exception {
        String form = "invoice=" + invoice + "&number=" + encode("+4791234567") + "&outcome=NO_ANSWER&note="
                + encode("Tried the shop line");
        String key = unique("k");
        act("calls", form, key);
        act("calls", form, key);

        assertThat(jdbc.queryForList("SELECT subject FROM communication_log WHERE invoice_number = ? AND channel = ?",
                String.class, invoice, CallNotes.CHANNEL)).containsExactly("NO_ANSWER");
        assertThat(file()).contains("Call logged for invoice " + invoice, "Tried the shop line");
    }

    @Test
    void anInvoiceCopyGoesAgainByEmailWithItsPdf() throws Exception {
        HttpHeaders pdf = new HttpHeaders();
        pdf.setContentType(MediaType.APPLICATION_PDF);
        as(ERP).exchange("/api/invoices/" + invoice + "/copy?fileName=faktura.pdf", HttpMethod.PUT,
                new HttpEntity<>("%PDF-1.4 the invoice".getBytes(StandardCharsets.US_ASCII), pdf), String.class);

        String key = unique("k");
        act("copies", "invoice=" + invoice, key);
        act("copies", "invoice=" + invoice, key);

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Kopi av faktura " + invoice);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("post@aurora.example");
        Multipart parts = (Multipart) received[0].getContent();
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                files.add(parts.getBodyPart(i).getFileName());
            }
        }
        assertThat(files).containsExactly("faktura.pdf");
        assertThat(file()).contains("A copy of invoice " + invoice + " is on its way");
    }

    @Test
    void aCopyThatWasNeverUploadedIsRefused() throws Exception {
        act("copies", "invoice=" + invoice, "k6");

        assertThat(file()).contains("No copy of invoice " + invoice + " is stored");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aPlanRequestGivesTheCollectorsTheTaskToProposeOne() throws Exception {
        act("plan-requests", "invoice=" + invoice + "&note=" + encode("Can pay 500 a month"), null);

        assertThat(waitingAt()).contains(Elements.RUN_PAYMENT_PLAN);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PaymentPlanProcess.PROCESS_KEY)
                .processInstanceBusinessKey(invoice).count()).isEqualTo(1);
    }

    @Test
    void anotherCustomersInvoiceIsNotFoundAndUntouched() throws Exception {
        String other = unique("B");
        WorkbenchTestData.customer(as(ERP), other, """
                {"name": "Other AS", "kind": "BUSINESS", "country": "NO", "language": "nb"}""");

        HttpResponse<String> sent = browser.post("/workbench/customers/" + other + "/promises", "invoice=" + invoice
                + "&promisedDate=" + today.plusDays(3) + "&key=k7&_csrf=" + browser.csrf(file()));

        assertThat(sent.statusCode()).isEqualTo(404);
        assertThat(promises.of(invoice)).isEmpty();
    }

    /** Posts the file's form as the page shows it (with its CSRF token). */
    private HttpResponse<String> act(String path, String form, String key) throws Exception {
        String csrf = browser.csrf(file());
        return browser.post("/workbench/customers/" + customer + "/" + path,
                form + (key == null ? "" : "&key=" + key) + "&_csrf=" + csrf);
    }

    private String file() throws Exception {
        HttpResponse<String> page = browser.get("/workbench/customers/" + customer);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    private List<String> waitingAt() {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                .processInstanceBusinessKey(invoice).singleResult();
        return runtime.getActiveActivityIds(instance.getId());
    }
}
