package io.overdue.invoices;

import io.overdue.shared.Amounts;

import java.math.BigDecimal;
import java.util.List;

/**
 * How one payment was divided: {@code costs}, {@code interest} and {@code principal} of the invoice, and {@code credit}
 * for what was more than owed (the customer's credit balance). The parts add up to the payment's amount.
 */
public record PaymentAllocation(BigDecimal costs, BigDecimal interest, BigDecimal principal, BigDecimal credit) {

    /** The parts of a claim a payment covers, in the order a country's law gives them. */
    public enum Part { COSTS, INTEREST, PRINCIPAL }

    /** Divides {@code amount} over what is owed in {@code order}; what is left over is credit. */
    static PaymentAllocation of(BigDecimal amount, Owed owed, List<Part> order) {
        BigDecimal left = amount;
        BigDecimal costs = BigDecimal.ZERO;
        BigDecimal interest = BigDecimal.ZERO;
        BigDecimal principal = BigDecimal.ZERO;
        for (Part part : order) {
            BigDecimal due = switch (part) {
                case COSTS -> owed.costs();
                case INTEREST -> owed.interest();
                case PRINCIPAL -> owed.principal();
            };
            BigDecimal taken = left.min(due.max(BigDecimal.ZERO));
            left = left.subtract(taken);
            switch (part) {
                case COSTS -> costs = taken;
                case INTEREST -> interest = taken;
                case PRINCIPAL -> principal = taken;
            }
        }
        return new PaymentAllocation(costs, interest, principal, left);
    }

    /** The part booked on the invoice: everything but the credit. */
    public BigDecimal applied() {
        return costs.add(interest).add(principal);
    }

    public PaymentAllocation forDisplay() {
        return new PaymentAllocation(Amounts.forDisplay(costs), Amounts.forDisplay(interest), Amounts.forDisplay(principal),
                Amounts.forDisplay(credit));
    }
}
