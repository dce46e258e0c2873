package io.overdue.credit;

import io.overdue.customers.CreditHoldSource;

import java.util.List;

/**
 * A customer's credit hold now, with its history (oldest first).
 *
 * @param heldBy              who placed the hold in force; null when not on hold
 * @param releasesAutomatically whether the hold lifts itself once no invoice is overdue (only the policy's own holds do)
 */
public record CreditHold(String customerNumber, boolean onHold, CreditHoldSource heldBy,
                         boolean releasesAutomatically, List<CreditHoldEvent> history) {
}
