package io.overdue.charges;

/** What a row of the rate table gives: an annual percentage or an amount of money. */
public enum RateKind {

    /** The full statutory late-interest rate, where the state publishes it as one figure (Norway). */
    LATE_INTEREST_RATE(true, true),
    /** The central-bank reference rate to which {@link #LATE_INTEREST_MARGIN} is added (Sweden, EU). */
    REFERENCE_RATE(true, true),
    /** Percentage points above {@link #REFERENCE_RATE}. */
    LATE_INTEREST_MARGIN(true, false),
    REMINDER_FEE(false, false),
    /** A fee for a collection demand (Swedish inkassokrav). */
    COLLECTION_NOTICE_FEE(false, false),
    PAYMENT_PLAN_FEE(false, false),
    /** Fixed compensation for recovery costs from business debtors (standardkompensasjon, förseningsersättning). */
    B2B_FIXED_COMPENSATION(false, false);

    private final boolean percentage;
    private final boolean setPerHalfYear;

    RateKind(boolean percentage, boolean setPerHalfYear) {
        this.percentage = percentage;
        this.setPerHalfYear = setPerHalfYear;
    }

    /** A percentage per year; otherwise an amount in the row's currency. */
    public boolean isPercentage() {
        return percentage;
    }

    /**
     * Interest rates are fixed for one half-year at a time (1 Jan, 1 Jul), so a row of such a kind lapses at
     * the end of its half-year: a missing update must stop the calculation rather than charge last term's rate.
     */
    public boolean isSetPerHalfYear() {
        return setPerHalfYear;
    }
}
