package io.overdue.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A payment plan, as stored, with its instalments in order.
 *
 * @param total   the claim when the plan was proposed: open balance plus fees plus interest
 * @param planFee the plan's own fee (e.g. Sweden's statutory SEK 170), or null; the instalments add up to
 *                {@code total + planFee}
 * @param endedBy who rejected or cancelled it, when a person did
 * @param version raised by every change; a change made against an older version fails
 */
public record PaymentPlan(long id, String invoiceNumber, PlanStatus status, String currency, BigDecimal total,
                          BigDecimal planFee, String proposedBy, Instant proposedAt, String approvedBy,
                          Instant approvedAt, Instant acceptedAt, String acceptedIp, AcceptedHow acceptedHow,
                          Instant endedAt, String endedBy, int version, List<Instalment> instalments) {

    public PaymentPlan {
        instalments = List.copyOf(instalments);
    }

    /** What the instalments add up to: the total plus the plan fee. */
    public BigDecimal amountDue() {
        return planFee == null ? total : total.add(planFee);
    }

    /** What payments allocated to the plan so far. */
    public BigDecimal paid() {
        return instalments.stream().map(Instalment::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
