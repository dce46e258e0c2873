package io.overdue.workbench;

import io.overdue.support.ApplicationTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers and invoices for the workbench's tests, through the intake API as the ERP sends them. */
final class WorkbenchTestData {

    private WorkbenchTestData() {
    }

    /** Creates or updates the customer from its JSON. */
    static void customer(TestRestTemplate erp, String customerNumber, String json) {
        ResponseEntity<String> response = erp.exchange("/api/customers/" + customerNumber, HttpMethod.PUT,
                ApplicationTest.jsonEntity(json), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    /** A new invoice of the customer, issued 14 days before it is due; its all-digit number. */
    static String invoice(TestRestTemplate erp, String customerNumber, LocalDate due, String currency, String amount) {
        String invoice = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
        ResponseEntity<String> response = erp.postForEntity("/api/invoices", ApplicationTest.jsonEntity("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "%s", "amount": %s}""".formatted(invoice, customerNumber, due.minusDays(14), due, currency,
                amount)), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return invoice;
    }
}
