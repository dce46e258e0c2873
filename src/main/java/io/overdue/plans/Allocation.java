package io.overdue.plans;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a payment did to a plan.
 *
 * @param parts       the instalments it went to, oldest first
 * @param allocated   the part of the payment that went to instalments
 * @param unallocated the part left over once every instalment was paid (an overpayment of the plan)
 * @param fullyPaid   whether the plan is now paid in full (its status is then PAID)
 */
public record Allocation(long planId, List<Part> parts, BigDecimal allocated, BigDecimal unallocated,
                         boolean fullyPaid) {

    public Allocation {
        parts = List.copyOf(parts);
    }

    /** @param paidInFull whether this payment completed the instalment */
    public record Part(int seq, BigDecimal amount, boolean paidInFull) {
    }
}
