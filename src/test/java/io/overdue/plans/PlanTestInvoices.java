package io.overdue.plans;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open invoices for plan tests, written straight to the table so that no collection case starts (plans do not need
 * one); the customer goes through the API like any other.
 */
final class PlanTestInvoices {

    /** A customer as plans see it: where it is, what kind, and how it is reached. */
    record Debtor(String country, String kind, String language, String email, String phone) {
        static final Debtor NORWEGIAN_BUSINESS = new Debtor("NO", "BUSINESS", "nb", "faktura@fjellheim.example", null);
        static final Debtor SWEDISH_CONSUMER = new Debtor("SE", "CONSUMER", "sv", "anna@example.se", "+46701234567");
    }

    private PlanTestInvoices() {
    }

    /** A new open invoice {@code number} of {@code amount}, due on {@code dueDate}, of a new customer; returns the number. */
    static String open(TestRestTemplate erp, JdbcTemplate jdbc, String customer, String number, Debtor debtor,
                       String currency, String amount, LocalDate dueDate) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String phone = debtor.phone() == null ? "" : ", \"phone\": \"" + debtor.phone() + "\"";
        assertThat(erp.exchange("/api/customers/" + customer, HttpMethod.PUT, new HttpEntity<>("""
                {"name": "Fjellheim Elektro AS", "kind": "%s", "country": "%s", "language": "%s", "email": "%s"%s}"""
                .formatted(debtor.kind(), debtor.country(), debtor.language(), debtor.email(), phone), headers),
                String.class).getStatusCode().is2xxSuccessful()).isTrue();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO invoice (invoice_number, customer_id, issue_date, due_date, currency, amount, open_balance,
                                     payment_reference, reference_type, status, version, created_at, updated_at)
                SELECT ?, id, ?, ?, ?, ?, ?, ?, 'KID', 'OPEN', 0, ?, ? FROM customer WHERE customer_number = ?""",
                number, dueDate.minusDays(14), dueDate, currency, new BigDecimal(amount), new BigDecimal(amount),
                number + "0", now, now, customer);
        return number;
    }
}
