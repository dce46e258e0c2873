package io.overdue.workbench;

import io.overdue.dunning.CaseActions;
import io.overdue.dunning.CaseOutlook;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The case page of a Norwegian business customer's invoice 20 days overdue, before its first reminder went (the job
 * executor is off in tests, so the case stands at "Await due date" with its timer due). The outlook follows the
 * shipped policy for NO/BUSINESS (bpmn/dunning-policy.dmn): level 1 after 3 days, levels 2 and 3 after 15 days each,
 * 14 days' deadline on the last; a level already due goes today.
 */
class CasePageTest extends ApplicationTest {

    @Autowired CasePages pages;
    @Autowired CaseOutlook outlooks;
    @Autowired CaseActions cases;
    @LocalServerPort int port;

    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    final LocalDate due = today.minusDays(20);
    String customer;
    String invoice;

    @BeforeEach
    void overdueInvoice() {
        customer = unique("K");
        WorkbenchTestData.customer(as(ERP), customer, """
                {"name": "Kari Rør AS", "kind": "BUSINESS", "country": "NO", "language": "nb",
                 "email": "post@karirør.example"}""");
        invoice = WorkbenchTestData.invoice(as(ERP), customer, due, "NOK", "8000");
    }

    @Test
    void theOutlookListsTheLevelsStillAheadWithTheirDays() {
        CaseOutlook.Outlook outlook = outlooks.of(invoice);

        assertThat(outlook.waitsForPeople()).isFalse();
        assertThat(outlook.steps()).extracting(CaseOutlook.Step::kind, CaseOutlook.Step::on, CaseOutlook.Step::level,
                CaseOutlook.Step::template, CaseOutlook.Step::channels, CaseOutlook.Step::creditHold).containsExactly(
                tuple("DUE_DATE_PASSED", due.plusDays(3), null, null, List.of(), false),
                tuple("LEVEL", today, 1, "reminder-1", List.of("EMAIL"), false),
                tuple("LEVEL", today.plusDays(15), 2, "reminder-2", List.of("EMAIL"), false),
                tuple("LEVEL", today.plusDays(30), 3, "inkassovarsel", List.of("EMAIL", "LETTER", "CALL"), true),
                tuple("DECISION", today.plusDays(45), null, null, List.of(), false));
    }

    @Test
    void aHoldPutsTheLevelsAfterItsEnd() {
        cases.hold(invoice, today.plusDays(10).toString(), "Owner away", COLLECTOR);

        assertThat(outlooks.of(invoice).steps()).extracting(CaseOutlook.Step::kind, CaseOutlook.Step::on).containsExactly(
                tuple("HOLD_ENDS", today.plusDays(10)),
                tuple("LEVEL", today.plusDays(10)),
                tuple("LEVEL", today.plusDays(25)),
                tuple("LEVEL", today.plusDays(40)),
                tuple("DECISION", today.plusDays(55)));
    }

    @Test
    void aDisputeMakesTheOutlookWaitForTheCollector() {
        cases.dispute(invoice, "Wrong pipes delivered", null, "d1");

        CaseOutlook.Outlook outlook = outlooks.of(invoice);
        assertThat(outlook.waitsForPeople()).isTrue();
        assertThat(outlook.steps()).extracting(CaseOutlook.Step::on).containsOnlyNulls();
        assertThat(outlook.steps()).extracting(CaseOutlook.Step::kind).containsExactly("LEVEL", "LEVEL", "LEVEL", "DECISION");
    }

    @Test
    void thePageShowsTheDiagramsMarksTheOutlookAndTheLog() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(COLLECTOR, PASSWORD);

        HttpResponse<String> page = browser.get("/workbench/cases/" + invoice);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Case of invoice " + invoice, "Back to the file of Kari Rør AS",
                "data-current=\"" + Elements.AWAIT_DUE_DATE, "InvoiceReceived", "What comes next",
                "Level 3: inkassovarsel", today.plusDays(30).toString(), "EMAIL, LETTER, CALL",
                "data-activity=\"" + Elements.INVOICE_RECEIVED + "\"", "/camunda/app/cockpit/default/#/process-instance/",
                "bpmn-navigated-viewer.production.min.js");
        CasePages.CasePage model = pages.of(invoice);
        assertThat(model.current()).contains(Elements.AWAIT_DUE_DATE);
        assertThat(model.passed()).contains(Elements.INVOICE_RECEIVED, Elements.COLLECTION_STARTED)
                .as("routing steps are not marked").doesNotContain(Elements.AWAIT_DUE_DATE);

        HttpResponse<String> diagram = browser.get("/workbench/cases/" + invoice + "/diagram.bpmn");
        assertThat(diagram.statusCode()).isEqualTo(200);
        assertThat(diagram.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(diagram.body()).contains("<bpmn:process id=\"CollectionCase\"", "bpmndi:BPMNDiagram");
    }

    @Test
    void anUnknownInvoiceIsNotFound() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(COLLECTOR, PASSWORD);
        assertThat(browser.get("/workbench/cases/NO-SUCH-INVOICE").statusCode()).isEqualTo(404);
        assertThat(browser.get("/workbench/cases/NO-SUCH-INVOICE/diagram.bpmn").statusCode()).isEqualTo(404);
    }
}
