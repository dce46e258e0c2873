package io.overdue.invoices;

import io.overdue.shared.Violation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks an invoice passes on its own, before customers and stored invoices are looked at. */
class InvoiceValidationTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static InvoiceIntake intake;

    @BeforeAll
    static void setUp() {
        factory = Validation.buildDefaultValidatorFactory();
        Validator validator = factory.getValidator();
        intake = new InvoiceIntake(null, null, validator, null, null, Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    private static InvoiceRequest invoice(String issue, String due, String currency, String amount, String balance) {
        return new InvoiceRequest("INV-1", "C-1", issue, due, currency, amount == null ? null : new BigDecimal(amount),
                balance == null ? null : new BigDecimal(balance), null, null, null);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void aCorrectInvoiceHasNoFaults() {
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "1250.50", "100"))).isEmpty();
    }

    @Test
    void impossibleDatesAreNamed() {
        List<Violation> violations = intake.validate(invoice("2026-02-30", "2026-13-01", "NOK", "10", null));
        assertThat(fields(violations)).containsExactly("issueDate", "dueDate");
        assertThat(violations.get(0).message()).contains("'2026-02-30' is not a valid date");
    }

    @Test
    void aDueDateBeforeTheIssueDateIsRefused() {
        assertThat(intake.validate(invoice("2026-11-15", "2026-11-01", "NOK", "10", null)))
                .extracting(Violation::field, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dueDate", "must not be before the issue date 2026-11-15"));
    }

    @Test
    void datesFarOutsideBusinessUseAreRefused() {
        assertThat(fields(intake.validate(invoice("1899-01-01", "2999-01-01", "NOK", "10", null))))
                .containsExactly("issueDate", "dueDate");
    }

    @Test
    void amountsMustBePositiveAndFitTheCurrency() {
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "-5", null)))
                .extracting(Violation::message).containsExactly("must be greater than 0");
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "0", null)))
                .extracting(Violation::message).containsExactly("must be greater than 0");
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "10.005", null)))
                .extracting(Violation::message).containsExactly("has more decimals than NOK allows (2)");
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "JPY", "10.5", null)))
                .extracting(Violation::message).containsExactly("has more decimals than JPY allows (0)");
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "10.50000", null))).isEmpty();
    }

    @Test
    void theOpenBalanceLiesBetweenZeroAndTheAmount() {
        assertThat(fields(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "100", "100.01")))).containsExactly("openBalance");
        assertThat(fields(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "100", "-1")))).containsExactly("openBalance");
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "NOK", "100", "0"))).isEmpty();
    }

    @Test
    void currenciesMustBeIso4217() {
        assertThat(intake.validate(invoice("2026-11-01", "2026-11-15", "KRONER", "100", null)))
                .extracting(Violation::field, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("currency", "'KRONER' is not an ISO 4217 currency code"));
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        InvoiceRequest bad = new InvoiceRequest("", null, "yesterday", null, "XYZ", new BigDecimal("-1"), null, null,
                "IBAN", "DELETED");
        assertThat(fields(intake.validate(bad))).containsExactlyInAnyOrder("invoiceNumber", "customerNumber", "dueDate",
                "issueDate", "currency", "amount", "referenceType", "status");
    }
}
