package io.overdue.invoices;

import io.overdue.shared.Amounts;

import java.math.BigDecimal;

/**
 * What is owed on an invoice now, in its currency: the open principal, and the costs (fees, compensation, plan fee)
 * and interest claimed but not yet paid.
 */
public record Owed(String invoiceNumber, String currency, BigDecimal principal, BigDecimal costs, BigDecimal interest) {

    public BigDecimal total() {
        return principal.add(costs).add(interest);
    }

    public Owed forDisplay() {
        return new Owed(invoiceNumber, currency, Amounts.forDisplay(principal), Amounts.forDisplay(costs),
                Amounts.forDisplay(interest));
    }
}
