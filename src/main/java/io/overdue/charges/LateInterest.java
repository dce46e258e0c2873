package io.overdue.charges;

import java.math.BigDecimal;
import java.util.List;

/**
 * Late interest on a principal, rounded to the currency's minor units.
 *
 * @param periods one per rate that applied, in date order; empty when no day accrued interest
 */
public record LateInterest(BigDecimal principal, String currency, BigDecimal amount, List<InterestPeriod> periods) {

    public LateInterest {
        periods = List.copyOf(periods);
    }

    public long days() {
        return periods.stream().mapToLong(InterestPeriod::days).sum();
    }
}
