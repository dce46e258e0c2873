package io.overdue.charges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of the rate table.
 *
 * @param country   ISO 3166 alpha-2, or {@code EU} for the default of EU/EEA countries without rows of their own
 * @param figure    percent per year for percentage kinds, else an amount in {@code currency}
 * @param currency  ISO 4217 for amounts, null for percentages
 * @param source    the legal source of the figure, quotable on a notice
 */
public record StatutoryRate(String country, RateKind kind, LocalDate validFrom, BigDecimal figure, String currency,
                            String source) {

    /** The last day a half-yearly rate may apply, whatever rows follow it. */
    public Optional<LocalDate> lapsesAfter() {
        if (!kind.isSetPerHalfYear()) {
            return Optional.empty();
        }
        LocalDate halfYearEnd = validFrom.getMonthValue() <= 6
                ? LocalDate.of(validFrom.getYear(), 6, 30)
                : LocalDate.of(validFrom.getYear(), 12, 31);
        return Optional.of(halfYearEnd);
    }
}
