package io.overdue.charges;

import io.overdue.customers.CustomerKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.overdue.customers.CustomerKind.BUSINESS;
import static io.overdue.customers.CustomerKind.CONSUMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules with hand-worked examples, on an in-memory rate table. The Norwegian, Swedish and EU fees are the
 * figures of the collections brief; the reference rates are test figures (the brief gives none), chosen only
 * so that the arithmetic can be followed. {@link StatutoryRatesContract} checks the real migration.
 */
class ChargesTest {

    private final List<StatutoryRate> rows = new ArrayList<>(List.of(
            rate("NO", RateKind.LATE_INTEREST_RATE, "2024-01-01", "12.5", null),
            rate("NO", RateKind.LATE_INTEREST_RATE, "2025-01-01", "12.5", null),
            rate("NO", RateKind.REMINDER_FEE, "2024-01-01", "35", "NOK"),
            rate("NO", RateKind.B2B_FIXED_COMPENSATION, "2024-01-01", "470", "NOK"),
            rate("SE", RateKind.LATE_INTEREST_MARGIN, "2024-01-01", "8", null),
            rate("SE", RateKind.REMINDER_FEE, "2024-01-01", "60", "SEK"),
            rate("SE", RateKind.COLLECTION_NOTICE_FEE, "2024-01-01", "180", "SEK"),
            rate("SE", RateKind.PAYMENT_PLAN_FEE, "2024-01-01", "170", "SEK"),
            rate("SE", RateKind.B2B_FIXED_COMPENSATION, "2024-01-01", "450", "SEK"),
            rate("EU", RateKind.LATE_INTEREST_MARGIN, "2024-01-01", "8", null),
            rate("EU", RateKind.B2B_FIXED_COMPENSATION, "2024-01-01", "40", "EUR")));

    private final StatutoryRates statutoryRates = new StatutoryRates(
            country -> rows.stream().filter(row -> row.country().equals(country)).toList(),
            new ChargesProperties(null));
    private final Charges charges = new Charges(statutoryRates);

    private static StatutoryRate rate(String country, RateKind kind, String validFrom, String figure, String currency) {
        return new StatutoryRate(country, kind, LocalDate.parse(validFrom), new BigDecimal(figure), currency,
                "test row " + country + " " + kind + " " + validFrom);
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Nested
    class LateInterest {

        @Test
        void norwayThirtyDaysAtTwelveAndAHalfPercent() {
            // Due 2025-01-15; interest runs from 2025-01-16 through 2025-02-14: 16 + 14 = 30 days at 12.5 %.
            // 10,000 × 0.125 × 30/365 = 37,500/365 = 102.7397… → NOK 102.74
            var interest = charges.lateInterest("NO", new BigDecimal("10000"), "NOK", day("2025-01-15"), day("2025-02-14"));

            assertThat(interest.amount()).isEqualByComparingTo("102.74");
            assertThat(interest.amount().scale()).isEqualTo(2);
            assertThat(interest.days()).isEqualTo(30);
            assertThat(interest.periods()).singleElement().satisfies(period -> {
                assertThat(period.firstDay()).isEqualTo(day("2025-01-16"));
                assertThat(period.lastDay()).isEqualTo(day("2025-02-14"));
                assertThat(period.annualRatePercent()).isEqualByComparingTo("12.5");
            });
        }

        @Test
        void nothingAccruesOnTheDueDateItself() {
            var interest = charges.lateInterest("NO", new BigDecimal("10000"), "NOK", day("2025-01-15"), day("2025-01-15"));

            assertThat(interest.amount()).isEqualByComparingTo("0.00");
            assertThat(interest.periods()).isEmpty();
        }

        @Test
        void swedenReferenceRatePlusEightAcrossTheFirstOfJuly() {
            // Test reference rates: 2.50 % in 1H 2025, 2.00 % in 2H 2025; margin 8 → 10.5 % and 10.0 %.
            rows.add(rate("SE", RateKind.REFERENCE_RATE, "2025-01-01", "2.50", null));
            rows.add(rate("SE", RateKind.REFERENCE_RATE, "2025-07-01", "2.00", null));
            // Due 2025-06-15: 16–30 June = 15 days at 10.5 %, 1–15 July = 15 days at 10.0 %.
            // 20,000 × (10.5 × 15 + 10.0 × 15) / 36,500 = 20,000 × 307.5 / 36,500 = 168.4931… → SEK 168.49
            var interest = charges.lateInterest("SE", new BigDecimal("20000"), "SEK", day("2025-06-15"), day("2025-07-15"));

            assertThat(interest.amount()).isEqualByComparingTo("168.49");
            assertThat(interest.periods()).extracting(InterestPeriod::days).containsExactly(15L, 15L);
            assertThat(interest.periods()).extracting(InterestPeriod::annualRatePercent)
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("10.5"), new BigDecimal("10.0"));
            assertThat(interest.periods().get(1).firstDay()).isEqualTo(day("2025-07-01"));
        }

        @Test
        void germanyTakesTheEuDefaultsAndALeapYearStillCountsThreeHundredSixtyFiveDays() {
            // Test ECB reference rate 4.50 % for 1H 2024 + EU margin 8 = 12.5 %.
            rows.add(rate("EU", RateKind.REFERENCE_RATE, "2024-01-01", "4.50", null));
            // Due 2024-03-01: 2–31 March = 30 days. 5,000 × 12.5 × 30 / 36,500 = 51.3698… → EUR 51.37
            var interest = charges.lateInterest("DE", new BigDecimal("5000"), "EUR", day("2024-03-01"), day("2024-03-31"));

            assertThat(interest.amount()).isEqualByComparingTo("51.37");
        }

        @Test
        void roundsHalfUpOnceAtTheEnd() {
            rows.add(rate("EU", RateKind.REFERENCE_RATE, "2024-01-01", "2", null));
            // 18.25 × 10 % × 1/365 = 182.5/36,500 = 0.005 exactly → 0.01 half-up (half-even would give 0.00)
            var interest = charges.lateInterest("FI", new BigDecimal("18.25"), "EUR", day("2024-05-01"), day("2024-05-02"));

            assertThat(interest.amount()).isEqualByComparingTo("0.01");
        }

        @Test
        void aMissingRateNamesCountryKindAndDay() {
            // The brief gives no Norwegian rate for 2H 2024, and the 1H 2024 rate lapses on 30 June.
            assertThatThrownBy(() -> charges.lateInterest("NO", new BigDecimal("1000"), "NOK",
                    day("2024-06-20"), day("2024-07-10")))
                    .isInstanceOfSatisfying(MissingRateException.class, missing -> {
                        assertThat(missing.country()).isEqualTo("NO");
                        assertThat(missing.kind()).isEqualTo(RateKind.LATE_INTEREST_RATE);
                        assertThat(missing.date()).isEqualTo(day("2024-07-01"));
                    })
                    .hasMessageContaining("LATE_INTEREST_RATE").hasMessageContaining("NO")
                    .hasMessageContaining("2024-07-01");
        }

        @Test
        void swedenNeverBorrowsTheEuReferenceRate() {
            rows.add(rate("EU", RateKind.REFERENCE_RATE, "2025-01-01", "3.15", null));

            assertThatThrownBy(() -> charges.lateInterest("SE", new BigDecimal("1000"), "SEK",
                    day("2025-02-01"), day("2025-02-10")))
                    .isInstanceOf(MissingRateException.class)
                    .hasMessage("No REFERENCE_RATE in force for SE on 2025-02-02: this rate is set per half-year,"
                            + " add the row valid from 2025-01-01");
        }

        @Test
        void aCountryOutsideTheTableAndTheEuIsAnError() {
            assertThatThrownBy(() -> charges.lateInterest("US", new BigDecimal("1000"), "USD",
                    day("2025-02-01"), day("2025-02-10")))
                    .isInstanceOf(MissingRateException.class).hasMessageContaining("US");
        }
    }

    @Nested
    class NorwegianReminderFee {

        static final LocalDate DUE = LocalDate.parse("2025-03-01");

        FeeDecision fee(LocalDate sentOn, LocalDate deadline, ChargedNotice... earlier) {
            return charges.reminderFee(new ReminderNotice("NO", CONSUMER, DUE, sentOn, deadline, false, List.of(earlier)));
        }

        @Test
        void thirteenDaysAfterTheDueDateIsFree() {
            var decision = fee(DUE.plusDays(13), DUE.plusDays(13 + 14));

            assertThat(decision.charged()).isFalse();
            assertThat(decision.reason()).isEqualTo(NoChargeReason.SENT_TOO_SOON_AFTER_DUE_DATE);
            assertThat(decision.amount()).isNull();
        }

        @Test
        void fourteenDaysAfterTheDueDateCarriesNokThirtyFive() {
            var decision = fee(DUE.plusDays(14), DUE.plusDays(14 + 14));

            assertThat(decision.charged()).isTrue();
            assertThat(decision.amount()).isEqualTo(new BigDecimal("35.00"));
            assertThat(decision.currency()).isEqualTo("NOK");
            assertThat(decision.source()).isEqualTo("test row NO REMINDER_FEE 2024-01-01");
        }

        @Test
        void aThirteenDayDeadlineIsFreeAFourteenDayOneIsNot() {
            assertThat(fee(DUE.plusDays(20), DUE.plusDays(20 + 13)).reason()).isEqualTo(NoChargeReason.DEADLINE_TOO_SHORT);
            assertThat(fee(DUE.plusDays(20), DUE.plusDays(20 + 14)).charged()).isTrue();
        }

        @Test
        void theSecondFeeOnlyAfterTheFirstDeadlineHasPassed() {
            var first = new ChargedNotice(day("2025-03-15"), day("2025-03-29"));

            assertThat(fee(day("2025-03-29"), day("2025-04-12"), first).reason())
                    .isEqualTo(NoChargeReason.PREVIOUS_DEADLINE_NOT_PASSED);
            assertThat(fee(day("2025-03-30"), day("2025-04-13"), first).charged()).isTrue();
        }

        @Test
        void aThirdFeeIsRefused() {
            var first = new ChargedNotice(day("2025-03-15"), day("2025-03-29"));
            var second = new ChargedNotice(day("2025-03-30"), day("2025-04-13"));

            assertThat(fee(day("2025-05-01"), day("2025-05-15"), first, second).reason())
                    .isEqualTo(NoChargeReason.FEE_LIMIT_REACHED);
        }

        @Test
        void appliesToBusinessesToo() {
            var decision = charges.reminderFee(new ReminderNotice("NO", BUSINESS, DUE, DUE.plusDays(14),
                    DUE.plusDays(28), false, List.of()));

            assertThat(decision.amount()).isEqualByComparingTo("35");
        }
    }

    @Nested
    class SwedishFees {

        static final LocalDate DUE = LocalDate.parse("2025-03-01");

        FeeDecision reminder(CustomerKind kind, boolean agreed) {
            return charges.reminderFee(new ReminderNotice("SE", kind, DUE, DUE.plusDays(5), DUE.plusDays(15), agreed, null));
        }

        @Test
        void reminderFeeOnlyWhenAgreedWhenTheDebtArose() {
            assertThat(reminder(CONSUMER, true).amount()).isEqualTo(new BigDecimal("60.00"));
            assertThat(reminder(CONSUMER, true).currency()).isEqualTo("SEK");
            assertThat(reminder(CONSUMER, false).reason()).isEqualTo(NoChargeReason.NOT_AGREED_WHEN_DEBT_AROSE);
        }

        @Test
        void inkassokravAndPaymentPlanForConsumers() {
            assertThat(charges.collectionNoticeFee("SE", CONSUMER, DUE.plusDays(20)).amount())
                    .isEqualTo(new BigDecimal("180.00"));
            assertThat(charges.paymentPlanFee("SE", CONSUMER, DUE.plusDays(40)).amount())
                    .isEqualTo(new BigDecimal("170.00"));
        }

        @Test
        void aBusinessOwesTheFörseningsersättningInsteadOfTheOtherFees() {
            assertThat(charges.fixedCompensation("SE", BUSINESS, DUE).amount()).isEqualTo(new BigDecimal("450.00"));
            assertThat(reminder(BUSINESS, true).reason()).isEqualTo(NoChargeReason.REPLACED_BY_FIXED_COMPENSATION);
            assertThat(charges.collectionNoticeFee("SE", BUSINESS, DUE.plusDays(20)).reason())
                    .isEqualTo(NoChargeReason.REPLACED_BY_FIXED_COMPENSATION);
            assertThat(charges.paymentPlanFee("SE", BUSINESS, DUE.plusDays(40)).reason())
                    .isEqualTo(NoChargeReason.REPLACED_BY_FIXED_COMPENSATION);
        }

        @Test
        void theInkassokravFeeIsSwedish() {
            assertThat(charges.collectionNoticeFee("NO", CONSUMER, DUE.plusDays(20)).reason())
                    .isEqualTo(NoChargeReason.NOT_PROVIDED_IN_COUNTRY);
        }
    }

    @Nested
    class FixedCompensation {

        static final LocalDate DUE = LocalDate.parse("2025-03-01");

        @Test
        void businessesOnly() {
            assertThat(charges.fixedCompensation("NO", BUSINESS, DUE).amount()).isEqualTo(new BigDecimal("470.00"));
            assertThat(charges.fixedCompensation("NO", CONSUMER, DUE).reason()).isEqualTo(NoChargeReason.CONSUMER_DEBT);
            assertThat(charges.fixedCompensation("SE", CONSUMER, DUE).reason()).isEqualTo(NoChargeReason.CONSUMER_DEBT);
        }

        @Test
        void otherEuCountriesTakeTheEuFortyEuros() {
            var decision = charges.fixedCompensation("DE", BUSINESS, DUE);

            assertThat(decision.amount()).isEqualTo(new BigDecimal("40.00"));
            assertThat(decision.currency()).isEqualTo("EUR");
        }

        @Test
        void notProvidedOutsideTheTableAndTheEu() {
            assertThat(charges.fixedCompensation("US", BUSINESS, DUE).reason())
                    .isEqualTo(NoChargeReason.NOT_PROVIDED_IN_COUNTRY);
            assertThat(charges.reminderFee(new ReminderNotice("DE", CONSUMER, DUE, DUE.plusDays(20),
                    DUE.plusDays(40), true, List.of())).reason()).isEqualTo(NoChargeReason.NOT_PROVIDED_IN_COUNTRY);
        }

        @Test
        void aFeeBeforeTheFirstRowIsAnError() {
            assertThatThrownBy(() -> charges.fixedCompensation("NO", BUSINESS, day("2023-06-01")))
                    .isInstanceOf(MissingRateException.class)
                    .hasMessageContaining("B2B_FIXED_COMPENSATION").hasMessageContaining("2023-06-02");
        }
    }
}
