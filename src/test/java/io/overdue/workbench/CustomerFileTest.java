package io.overdue.workbench;

import io.overdue.disputes.Dispute;
import io.overdue.disputes.Disputes;
import io.overdue.promises.Promise;
import io.overdue.promises.PromiseStatus;
import io.overdue.promises.Promises;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer file on a known customer: four invoices, two paid (12 days late and 2 days early), one open and
 * disputed with a broken promise, one not yet due; a CFO among the contacts. Figures computed by hand.
 */
class CustomerFileTest extends ApplicationTest {

    @Autowired CustomerFiles files;
    @Autowired Promises promises;
    @Autowired Disputes disputes;
    @LocalServerPort int port;

    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    String customer;
    String paidLate;
    String paidEarly;
    String disputed;
    String notYetDue;

    @BeforeEach
    void knownCustomer() {
        customer = unique("F");
        WorkbenchTestData.customer(as(ERP), customer, """
                {"name": "Fjellheim Elektro AS", "organisationNumber": "923609016", "kind": "BUSINESS",
                 "country": "NO", "language": "nb", "email": "faktura@fjellheim.example", "phone": "+4791234567",
                 "contacts": [{"role": "CFO", "name": "Per Økonomi", "email": "per@fjellheim.example", "phone": "+4792345678"}]}""");
        paidLate = invoice(today.minusDays(30), "1000");
        paidEarly = invoice(today.minusDays(20), "2000");
        disputed = invoice(today.minusDays(10), "500");
        notYetDue = invoice(today.plusDays(5), "700");
        pay(paidLate, "1000", today.minusDays(18));   // 12 days after its due date
        pay(paidEarly, "2000", today.minusDays(22));  // 2 days before
        Promise promise = promises.record(new Promises.NewPromise(disputed, unique("P"), null, today.minusDays(1), null,
                "Pays on Friday", Promise.Source.CALL));
        assertThat(promises.check(promise.id()).status()).isEqualTo(PromiseStatus.BROKEN);
        disputes.record(new Disputes.NewDispute(disputed, unique("D"), null, null, "Never ordered this",
                Dispute.Source.CALL, false));
    }

    @Test
    void theFileHasTheCustomersWholeSituation() {
        CustomerFiles.CustomerFile file = files.of(customer);

        assertThat(file.customer().contacts()).extracting(c -> c.name()).containsExactly("Per Økonomi");
        assertThat(file.openInvoiceCount()).isEqualTo(2);
        assertThat(file.openInvoices()).extracting(CustomerFiles.OpenInvoice::invoiceNumber).containsExactly(disputed, notYetDue);
        assertThat(file.openInvoices().get(0).daysOverdue()).isEqualTo(10);
        assertThat(file.openInvoices().get(1).daysOverdue()).isZero();
        assertThat(file.openInvoices().get(0).principal()).isEqualByComparingTo("500");
        assertThat(file.openInvoices().get(0).total()).isEqualByComparingTo("500"); // no notice yet: no fee, no interest
        assertThat(file.openInvoices().get(0).caseId()).isNotNull();
        assertThat(file.totals()).singleElement().satisfies(total -> {
            assertThat(total.currency()).isEqualTo("NOK");
            assertThat(total.invoices()).isEqualTo(2);
            assertThat(total.openBalance()).isEqualByComparingTo("1200");
        });
        assertThat(file.payments()).extracting(CustomerFiles.Payment::invoiceNumber).containsExactly(paidLate, paidEarly);
        assertThat(file.payments()).extracting(CustomerFiles.Payment::daysLate).containsExactly(12L, -2L);
        assertThat(file.averageDaysLate()).isEqualTo(5.0); // (12 - 2) / 2
        assertThat(file.promisesBroken()).isEqualTo(1);
        assertThat(file.promisesKept()).isZero();
        assertThat(file.promises()).singleElement().satisfies(p -> assertThat(p.note()).isEqualTo("Pays on Friday"));
        assertThat(file.disputes()).singleElement().satisfies(d -> {
            assertThat(d.invoiceNumber()).isEqualTo(disputed);
            assertThat(d.status()).isEqualTo("OPEN");
        });
        assertThat(file.creditHold().onHold()).isFalse();
    }

    @Test
    void thePageShowsItToACollector() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(COLLECTOR, PASSWORD);
        HttpResponse<String> page = browser.get("/workbench/customers/" + customer);
        CustomerFiles.CustomerFile file = files.of(customer);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Fjellheim Elektro AS", "Per Økonomi", "per@fjellheim.example",
                "2 open invoices", "1,200.00 NOK", "Pays on average 5 days after the due date.", "Kept 0, broken 1",
                "Never ordered this", "Pays on Friday", "data-invoice=\"" + disputed + "\"",
                "href=\"/camunda/app/cockpit/default/#/process-instance/" + file.openInvoices().get(0).caseId() + "/runtime\"",
                "href=\"/workbench/cases/" + disputed + "\"");
    }

    @Test
    void anUnknownCustomerIsNotFound() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(COLLECTOR, PASSWORD);
        assertThat(browser.get("/workbench/customers/NO-SUCH-CUSTOMER").statusCode()).isEqualTo(404);
    }

    private String invoice(LocalDate due, String amount) {
        return WorkbenchTestData.invoice(as(ERP), customer, due, "NOK", amount);
    }

    private void pay(String invoice, String amount, LocalDate paidOn) {
        ResponseEntity<String> response = as(ERP).postForEntity("/api/invoices/" + invoice + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": %s, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("PAY"), amount, paidOn)),
                String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }
}
