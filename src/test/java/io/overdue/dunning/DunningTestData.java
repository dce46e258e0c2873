package io.overdue.dunning;

import io.overdue.support.ApplicationTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers, invoices and rates for the dunning tests, through the intake API as the ERP sends them. */
final class DunningTestData {

    static final ZoneId CREDITOR_ZONE = io.overdue.support.ApplicationTest.CREDITOR_ZONE;
    /** Marks the rate rows these tests add, so that a run that died before its clean-up cannot block the next. */
    static final String TEST_RATE_SOURCE = "Dunning tests: temporary rate";

    private DunningTestData() {
    }

    static LocalDate today() {
        return LocalDate.now(CREDITOR_ZONE);
    }

    static void putCustomer(TestRestTemplate erp, String number, String json) {
        ResponseEntity<String> response = erp.exchange("/api/customers/" + number, HttpMethod.PUT, json(json), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    static void norwegianConsumer(TestRestTemplate erp, String number) {
        putCustomer(erp, number, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "email": "kari@nordmann.example", "phone": "+4791234567"}""");
    }

    /** A new Norwegian consumer with this mobile number; its number, unique to the test. */
    static String norwegianConsumerWithMobile(TestRestTemplate erp, String phone) {
        String customer = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        putCustomer(erp, customer, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "email": "kari@nordmann.example", "phone": "%s"}""".formatted(phone));
        return customer;
    }

    /**
     * A new consumer with this mobile number and an invoice 18 days overdue: its level 2 goes by email and SMS.
     *
     * @return the invoice number
     */
    static String level2DebtOf(TestRestTemplate erp, String phone) {
        return debt(erp, norwegianConsumerWithMobile(erp, phone), today().minusDays(18), "2000").invoice();
    }

    static void norwegianBusiness(TestRestTemplate erp, String number) {
        putCustomer(erp, number, """
                {"name": "Fjellheim Elektro AS", "organisationNumber": "923609016", "kind": "BUSINESS",
                 "country": "NO", "language": "nb", "email": "faktura@fjellheim.example", "phone": "+4791234567",
                 "postalAddress": ["Fjellheim Elektro AS", "Industriveien 7", "7080 Heimdal"],
                 "contacts": [{"role": "CEO", "name": "Ola Sjef", "email": "ola@fjellheim.example"},
                              {"role": "CFO", "name": "Per Økonomi", "email": "per@fjellheim.example", "phone": "+4792345678"}]}""");
    }

    /** A customer with one invoice of its own, both new. */
    record Debt(String customer, String invoice, LocalDate due) {
    }

    static Debt consumerDebt(TestRestTemplate erp, LocalDate due, String amount) {
        String customer = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        norwegianConsumer(erp, customer);
        return debt(erp, customer, due, amount);
    }

    static Debt businessDebt(TestRestTemplate erp, LocalDate due, String amount) {
        String customer = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        norwegianBusiness(erp, customer);
        return debt(erp, customer, due, amount);
    }

    /** Another invoice of the customer; all digits, so that a KID can be derived from it. */
    static Debt debt(TestRestTemplate erp, String customer, LocalDate due, String amount) {
        String invoice = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
        invoice(erp, invoice, customer, due, amount);
        return new Debt(customer, invoice, due);
    }

    static void invoice(TestRestTemplate erp, String number, String customer, LocalDate due, String amount) {
        ResponseEntity<String> response = erp.postForEntity("/api/invoices", json("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": %s}""".formatted(number, customer, due.minusDays(14), due, amount)),
                String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    /**
     * Closes the invoice in the table only, as a settlement would have: these tests call the dunning beans directly,
     * and the settlement's own steps in the model are not theirs to run.
     */
    static void cancel(JdbcTemplate jdbc, String invoice) {
        assertThat(jdbc.update("UPDATE invoice SET status = 'CANCELLED', open_balance = 0 WHERE invoice_number = ?", invoice))
                .isEqualTo(1);
    }

    /**
     * A Norwegian late-interest rate for every half-year from {@code from} to today: the seed has none for the
     * current half-year, and interest is never guessed.
     */
    static void norwegianInterestRate(JdbcTemplate jdbc, LocalDate from, BigDecimal percent) {
        removeTestRates(jdbc);
        for (LocalDate start = halfYearStart(from); !start.isAfter(today()); start = start.plusMonths(6)) {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM statutory_rate WHERE country = 'NO' AND kind = 'LATE_INTEREST_RATE' "
                    + "AND valid_from = ?", Integer.class, start) == 0) {
                jdbc.update("INSERT INTO statutory_rate (country, kind, valid_from, figure, currency, source) "
                        + "VALUES ('NO', 'LATE_INTEREST_RATE', ?, ?, NULL, ?)", start, percent, TEST_RATE_SOURCE);
            }
        }
    }

    static void removeTestRates(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM statutory_rate WHERE source = ?", TEST_RATE_SOURCE);
    }

    static LocalDate halfYearStart(LocalDate day) {
        return LocalDate.of(day.getYear(), day.getMonthValue() <= 6 ? 1 : 7, 1);
    }

    /** The lines of a text, with the non-breaking spaces of number formats made plain. */
    static List<String> lines(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ').lines().map(String::strip).toList();
    }

    private static HttpEntity<String> json(String body) {
        return ApplicationTest.jsonEntity(body);
    }
}
