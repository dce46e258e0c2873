package io.overdue.charges;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Consecutive days charged at one rate, so that a notice can show each rate and the days it applied.
 *
 * @param firstDay           first day that accrues interest at this rate
 * @param lastDay            last day, inclusive
 * @param annualRatePercent  e.g. 12.5
 * @param source             legal source of the rate
 */
public record InterestPeriod(LocalDate firstDay, LocalDate lastDay, long days, BigDecimal annualRatePercent,
                             String source) {
}
