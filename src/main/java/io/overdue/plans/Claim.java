package io.overdue.plans;

import java.math.BigDecimal;

/**
 * What the customer owes on the invoice when a plan is proposed: open balance plus the fees and interest claimed so
 * far, in the invoice's currency. The collection case supplies it (it knows the charges); this module does not ask.
 */
public record Claim(BigDecimal total, String currency) {
}
