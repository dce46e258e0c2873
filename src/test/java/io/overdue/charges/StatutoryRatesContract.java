package io.overdue.charges;

import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.overdue.customers.CustomerKind.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rate table as the V2 migration creates and seeds it, read through the application's beans. Tests that
 * add rows do it in a transaction that is rolled back, so the shared database keeps the seed alone.
 */
abstract class StatutoryRatesContract extends ApplicationTest {

    @Autowired StatutoryRates rates;
    @Autowired Charges charges;
    @Autowired JdbcClient jdbc;

    @Test
    void theSeedHoldsTheFiguresOfTheBrief() {
        assertThat(rates.lateInterestPercent("NO", LocalDate.parse("2024-03-01"))).isEqualByComparingTo("12.5");
        assertThat(rates.lateInterestPercent("NO", LocalDate.parse("2025-03-01"))).isEqualByComparingTo("12.5");
        assertFee("NO", RateKind.REMINDER_FEE, "35", "NOK");
        assertFee("NO", RateKind.B2B_FIXED_COMPENSATION, "470", "NOK");
        assertFee("SE", RateKind.REMINDER_FEE, "60", "SEK");
        assertFee("SE", RateKind.COLLECTION_NOTICE_FEE, "180", "SEK");
        assertFee("SE", RateKind.PAYMENT_PLAN_FEE, "170", "SEK");
        assertFee("SE", RateKind.B2B_FIXED_COMPENSATION, "450", "SEK");
        assertFee("EU", RateKind.B2B_FIXED_COMPENSATION, "40", "EUR");
        assertThat(rates.inForce("SE", RateKind.LATE_INTEREST_MARGIN, LocalDate.parse("2025-03-01")).figure())
                .isEqualByComparingTo("8");
        assertThat(rates.inForce("EU", RateKind.LATE_INTEREST_MARGIN, LocalDate.parse("2025-03-01")).figure())
                .isEqualByComparingTo("8");
        assertThat(rates.inForce("NO", RateKind.REMINDER_FEE, LocalDate.parse("2025-03-01")).source())
                .contains("inkassoforskriften");
    }

    private void assertFee(String country, RateKind kind, String figure, String currency) {
        StatutoryRate rate = rates.inForce(country, kind, LocalDate.parse("2025-03-01"));
        assertThat(rate.figure()).isEqualByComparingTo(figure);
        assertThat(rate.currency()).isEqualTo(currency);
    }

    @Test
    void norwegianInterestFromTheSeed() {
        // 10,000 × 0.125 × 30/365 = 102.7397… → NOK 102.74 (2025-01-16 through 2025-02-14)
        var interest = charges.lateInterest("NO", new BigDecimal("10000"), "NOK",
                LocalDate.parse("2025-01-15"), LocalDate.parse("2025-02-14"));

        assertThat(interest.amount()).isEqualTo(new BigDecimal("102.74"));
        assertThat(interest.periods()).singleElement()
                .satisfies(period -> assertThat(period.source()).contains("forsinkelsesrenteloven"));
    }

    @Test
    void theSeedHasNoNorwegianRateForTheSecondHalfOf2024() {
        assertThatThrownBy(() -> charges.lateInterest("NO", new BigDecimal("10000"), "NOK",
                LocalDate.parse("2024-12-15"), LocalDate.parse("2025-01-10")))
                .isInstanceOf(MissingRateException.class)
                .hasMessage("No LATE_INTEREST_RATE in force for NO on 2024-12-16: this rate is set per half-year,"
                        + " add the row valid from 2024-07-01");
    }

    @Test
    void otherEuCountriesUseTheEuRows() {
        var compensation = charges.fixedCompensation("AT", BUSINESS, LocalDate.parse("2025-03-01"));

        assertThat(compensation.amount()).isEqualTo(new BigDecimal("40.00"));
        assertThatThrownBy(() -> rates.lateInterestPercent("AT", LocalDate.parse("2025-03-01")))
                .isInstanceOf(MissingRateException.class)
                .hasMessageContaining("REFERENCE_RATE").hasMessageContaining("AT (using the EU defaults)");
    }

    @Test
    @Transactional
    void anOperatorAddsTheSwedishReferenceRate() {
        assertThatThrownBy(() -> rates.lateInterestPercent("SE", LocalDate.parse("2025-03-01")))
                .isInstanceOf(MissingRateException.class).hasMessageContaining("REFERENCE_RATE in force for SE");

        // The statement of docs/charges.md, with a test figure.
        jdbc.sql("""
                INSERT INTO statutory_rate (country, kind, valid_from, figure, currency, source)
                VALUES ('SE', 'REFERENCE_RATE', DATE '2025-01-01', 2.25, NULL, 'test figure')""").update();

        // SEK 1,000 due 2025-02-28, 1–31 March = 31 days at 2.25 + 8 = 10.25 %:
        // 1,000 × 10.25 × 31 / 36,500 = 8.7054… → SEK 8.71
        var interest = charges.lateInterest("SE", new BigDecimal("1000"), "SEK",
                LocalDate.parse("2025-02-28"), LocalDate.parse("2025-03-31"));
        assertThat(interest.amount()).isEqualTo(new BigDecimal("8.71"));
    }

    @Test
    @Transactional
    void aFeeWithoutCurrencyIsRefusedByTheTable() {
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO statutory_rate (country, kind, valid_from, figure, currency, source)
                VALUES ('SE', 'REMINDER_FEE', DATE '2026-01-01', 60, NULL, 'no currency')""").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
