package io.overdue.plans;

import java.math.BigDecimal;
import java.time.Period;

/**
 * The policy's limits for a plan, decided elsewhere (the plan policy DMN) and supplied by the caller.
 *
 * @param maxLength     the last instalment may be due at most this long after today (the creditor's zone)
 * @param minInstalment no instalment may be smaller (in the plan's currency)
 */
public record PlanLimits(Period maxLength, BigDecimal minInstalment) {
}
