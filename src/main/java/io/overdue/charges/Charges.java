package io.overdue.charges;

import io.overdue.customers.CustomerKind;
import io.overdue.shared.IsoCodes;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.overdue.charges.NoChargeReason.CONSUMER_DEBT;
import static io.overdue.charges.NoChargeReason.DEADLINE_TOO_SHORT;
import static io.overdue.charges.NoChargeReason.FEE_LIMIT_REACHED;
import static io.overdue.charges.NoChargeReason.NOT_AGREED_WHEN_DEBT_AROSE;
import static io.overdue.charges.NoChargeReason.NOT_PROVIDED_IN_COUNTRY;
import static io.overdue.charges.NoChargeReason.PREVIOUS_DEADLINE_NOT_PASSED;
import static io.overdue.charges.NoChargeReason.REPLACED_BY_FIXED_COMPENSATION;
import static io.overdue.charges.NoChargeReason.SENT_TOO_SOON_AFTER_DUE_DATE;

/**
 * What a notice may charge on an overdue claim: late interest, fees and fixed compensation, by the rules of
 * the debtor's country and the figures of the rate table. The day counts and limits below are the law's
 * rules, which change by legislation; the amounts and rates change every half-year and live in the table.
 */
@Service
public class Charges {

    /** Actual/365: every day is 1/365 of the annual rate, in leap years too. */
    private static final BigDecimal PERCENT_DAYS_PER_YEAR = BigDecimal.valueOf(100 * 365);

    // Norway, inkassoforskriften §§ 1-2, 1-3: a fee-bearing reminder no earlier than 14 days after the due
    // date, giving 14 days to pay; at most two fee-bearing notices, the second after the first one's deadline.
    static final int NORWAY_FEE_EARLIEST_DAYS_AFTER_DUE = 14;
    static final int NORWAY_FEE_MINIMUM_DEADLINE_DAYS = 14;
    static final int NORWAY_MAXIMUM_FEE_BEARING_NOTICES = 2;

    private static final String NORWAY = "NO";
    private static final String SWEDEN = "SE";

    private final StatutoryRates rates;

    public Charges(StatutoryRates rates) {
        this.rates = rates;
    }

    /**
     * Simple late interest on the principal for every day after the due date up to and including
     * {@code until}, each day at the rate in force on that day (so a period across 1 Jan or 1 Jul uses both
     * rates), actual/365, rounded half-up once at the end to the currency's minor units.
     *
     * @throws MissingRateException when a day of the period has no rate in the table
     */
    public LateInterest lateInterest(String country, BigDecimal principal, String currency, LocalDate dueDate,
                                     LocalDate until) {
        if (principal == null || principal.signum() < 0) {
            throw new IllegalArgumentException("The principal must be zero or more, was " + principal);
        }
        if (!IsoCodes.isCurrency(currency)) {
            throw new IllegalArgumentException("Not an ISO 4217 currency: " + currency);
        }
        CountryRates countryRates = rates.of(country);
        List<InterestPeriod> periods = new ArrayList<>();
        LocalDate periodStart = null;
        List<StatutoryRate> periodRows = null;
        for (LocalDate day = dueDate.plusDays(1); !day.isAfter(until); day = day.plusDays(1)) {
            List<StatutoryRate> rows = countryRates.lateInterestRows(day);
            if (!rows.equals(periodRows)) {
                if (periodRows != null) {
                    periods.add(period(periodStart, day.minusDays(1), periodRows));
                }
                periodStart = day;
                periodRows = rows;
            }
        }
        if (periodRows != null) {
            periods.add(period(periodStart, until, periodRows));
        }
        // Summing unrounded day-products and rounding once keeps the result independent of how the period splits.
        BigDecimal percentDays = periods.stream()
                .map(period -> period.annualRatePercent().multiply(BigDecimal.valueOf(period.days())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal amount = principal.multiply(percentDays)
                .divide(PERCENT_DAYS_PER_YEAR, IsoCodes.fractionDigits(currency), RoundingMode.HALF_UP);
        return new LateInterest(principal, currency, amount, periods);
    }

    private static InterestPeriod period(LocalDate first, LocalDate last, List<StatutoryRate> rows) {
        return new InterestPeriod(first, last, ChronoUnit.DAYS.between(first, last) + 1,
                CountryRates.percentOf(rows),
                rows.stream().map(StatutoryRate::source).collect(Collectors.joining("; ")));
    }

    /** The fee a written reminder may carry (in Norway also an inkassovarsel, which counts as a fee-bearing notice). */
    public FeeDecision reminderFee(ReminderNotice notice) {
        String country = normalised(notice.country());
        return switch (country) {
            case NORWAY -> norwegianReminderFee(notice);
            case SWEDEN -> swedishReminderFee(notice);
            default -> FeeDecision.none(RateKind.REMINDER_FEE, NOT_PROVIDED_IN_COUNTRY,
                    "No statutory reminder fee is implemented for " + country);
        };
    }

    private FeeDecision norwegianReminderFee(ReminderNotice notice) {
        List<ChargedNotice> earlier = notice.earlierFeeBearingNotices();
        if (earlier.size() >= NORWAY_MAXIMUM_FEE_BEARING_NOTICES) {
            return FeeDecision.none(RateKind.REMINDER_FEE, FEE_LIMIT_REACHED,
                    earlier.size() + " fee-bearing notices were already sent on this claim; Norway allows "
                            + NORWAY_MAXIMUM_FEE_BEARING_NOTICES);
        }
        LocalDate latestDeadline = earlier.stream().map(ChargedNotice::deadline)
                .max(Comparator.naturalOrder()).orElse(null);
        if (latestDeadline != null && !notice.sentOn().isAfter(latestDeadline)) {
            return FeeDecision.none(RateKind.REMINDER_FEE, PREVIOUS_DEADLINE_NOT_PASSED,
                    "The previous fee-bearing notice's deadline " + latestDeadline + " has not passed on "
                            + notice.sentOn());
        }
        long daysAfterDue = ChronoUnit.DAYS.between(notice.dueDate(), notice.sentOn());
        if (daysAfterDue < NORWAY_FEE_EARLIEST_DAYS_AFTER_DUE) {
            return FeeDecision.none(RateKind.REMINDER_FEE, SENT_TOO_SOON_AFTER_DUE_DATE,
                    "Sent " + daysAfterDue + " days after the due date; a fee needs at least "
                            + NORWAY_FEE_EARLIEST_DAYS_AFTER_DUE);
        }
        long daysToPay = ChronoUnit.DAYS.between(notice.sentOn(), notice.deadline());
        if (daysToPay < NORWAY_FEE_MINIMUM_DEADLINE_DAYS) {
            return FeeDecision.none(RateKind.REMINDER_FEE, DEADLINE_TOO_SHORT,
                    "Gives " + daysToPay + " days to pay; a fee needs at least " + NORWAY_FEE_MINIMUM_DEADLINE_DAYS);
        }
        return charge(NORWAY, RateKind.REMINDER_FEE, notice.sentOn(),
                "Fee-bearing notice " + (earlier.size() + 1) + " of " + NORWAY_MAXIMUM_FEE_BEARING_NOTICES);
    }

    private FeeDecision swedishReminderFee(ReminderNotice notice) {
        if (notice.customerKind() == CustomerKind.BUSINESS) {
            return replacedByFixedCompensation(RateKind.REMINDER_FEE);
        }
        if (!notice.feeAgreedWhenDebtArose()) {
            return FeeDecision.none(RateKind.REMINDER_FEE, NOT_AGREED_WHEN_DEBT_AROSE,
                    "A påminnelseavgift was not agreed when the debt arose");
        }
        return charge(SWEDEN, RateKind.REMINDER_FEE, notice.sentOn(), "Påminnelseavgift agreed when the debt arose");
    }

    /**
     * The fee for a collection demand (Swedish inkassokrav). A Norwegian inkassovarsel has no fee of its own:
     * it carries the reminder fee under the reminder rules, see {@link #reminderFee}.
     */
    public FeeDecision collectionNoticeFee(String country, CustomerKind customerKind, LocalDate sentOn) {
        return swedishCollectionFee(country, customerKind, RateKind.COLLECTION_NOTICE_FEE, sentOn, "Inkassokrav");
    }

    /** The fee for setting up a payment plan (Swedish amorteringsplan). */
    public FeeDecision paymentPlanFee(String country, CustomerKind customerKind, LocalDate agreedOn) {
        return swedishCollectionFee(country, customerKind, RateKind.PAYMENT_PLAN_FEE, agreedOn, "Amorteringsplan");
    }

    private FeeDecision swedishCollectionFee(String country, CustomerKind customerKind, RateKind kind,
                                             LocalDate on, String what) {
        String code = normalised(country);
        if (!SWEDEN.equals(code)) {
            return FeeDecision.none(kind, NOT_PROVIDED_IN_COUNTRY, "No statutory " + kind + " is implemented for " + code);
        }
        if (customerKind == CustomerKind.BUSINESS) {
            return replacedByFixedCompensation(kind);
        }
        return charge(SWEDEN, kind, on, what);
    }

    /**
     * Fixed compensation for recovery costs from a business debtor (NO standardkompensasjon, SE
     * förseningsersättning, EU Directive 2011/7/EU art. 6), at the figure in force on the first day late.
     */
    public FeeDecision fixedCompensation(String country, CustomerKind customerKind, LocalDate dueDate) {
        if (customerKind != CustomerKind.BUSINESS) {
            return FeeDecision.none(RateKind.B2B_FIXED_COMPENSATION, CONSUMER_DEBT,
                    "Fixed compensation is owed by business debtors only");
        }
        CountryRates countryRates = rates.of(country);
        if (!countryRates.defines(RateKind.B2B_FIXED_COMPENSATION)) {
            return FeeDecision.none(RateKind.B2B_FIXED_COMPENSATION, NOT_PROVIDED_IN_COUNTRY,
                    "The rate table has no fixed compensation for " + countryRates.country());
        }
        StatutoryRate rate = countryRates.require(RateKind.B2B_FIXED_COMPENSATION, dueDate.plusDays(1));
        return FeeDecision.charge(rate, inMinorUnits(rate), "Business debtor, paid late");
    }

    private FeeDecision charge(String country, RateKind kind, LocalDate on, String explanation) {
        StatutoryRate rate = rates.inForce(country, kind, on);
        return FeeDecision.charge(rate, inMinorUnits(rate), explanation);
    }

    private static FeeDecision replacedByFixedCompensation(RateKind kind) {
        return FeeDecision.none(kind, REPLACED_BY_FIXED_COMPENSATION,
                "A business debtor owes the förseningsersättning instead of " + kind + " (lag 1981:739)");
    }

    private static BigDecimal inMinorUnits(StatutoryRate rate) {
        return rate.figure().setScale(IsoCodes.fractionDigits(rate.currency()), RoundingMode.HALF_UP);
    }

    private static String normalised(String country) {
        if (country == null || country.isBlank()) {
            throw new IllegalArgumentException("A country is required to decide on charges");
        }
        return country.trim().toUpperCase(Locale.ROOT);
    }
}
