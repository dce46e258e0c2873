package io.overdue.plans;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A payment plan as the API shows it, with the sums a reader would otherwise add up. */
@Schema(description = "A payment plan of an invoice with its instalments")
public record PlanView(
        long id,
        String invoiceNumber,
        @Schema(description = "PROPOSED, AWAITING_APPROVAL, AWAITING_ACCEPTANCE, ACTIVE (live); PAID, BROKEN, REJECTED, "
                + "EXPIRED, CANCELLED (ended)") PlanStatus status,
        String currency,
        @Schema(description = "The claim when the plan was proposed: open balance plus fees and interest") BigDecimal total,
        @Schema(description = "The plan's own fee (e.g. SEK 170 in Sweden); absent when none") BigDecimal planFee,
        @Schema(description = "What the instalments add up to: total plus planFee") BigDecimal amountDue,
        @Schema(description = "What payments allocated to the plan so far") BigDecimal paid,
        String proposedBy,
        Instant proposedAt,
        @Schema(description = "The manager, or the policy's name for an automatic approval") String approvedBy,
        Instant approvedAt,
        @Schema(description = "When the customer confirmed the plan in writing") Instant acceptedAt,
        @Schema(description = "Where the confirmation through the link came from") String acceptedIp,
        @Schema(description = "LINK or RECORDED_BY_COLLECTOR") AcceptedHow acceptedHow,
        Instant endedAt,
        @Schema(description = "Who rejected or cancelled it: a user, or \"system\" when its invoice was settled otherwise")
        String endedBy,
        List<InstalmentView> instalments) {

    @Schema(description = "One instalment of a plan")
    public record InstalmentView(
            int seq,
            LocalDate dueDate,
            BigDecimal amount,
            BigDecimal paidAmount,
            @Schema(description = "amount - paidAmount") BigDecimal outstanding,
            @Schema(description = "OPEN, PAID, LATE (date passed, within grace) or MISSED") InstalmentStatus status,
            @Schema(description = "When the customer was last reminded of it") Instant remindedAt,
            @Schema(description = "The day of the payment that completed it") LocalDate paidAt) {
    }

    public static PlanView of(PaymentPlan plan) {
        return new PlanView(plan.id(), plan.invoiceNumber(), plan.status(), plan.currency(), plan.total(),
                plan.planFee(), plan.amountDue(), plan.paid(), plan.proposedBy(), plan.proposedAt(), plan.approvedBy(),
                plan.approvedAt(), plan.acceptedAt(), plan.acceptedIp(), plan.acceptedHow(), plan.endedAt(),
                plan.endedBy(), plan.instalments().stream().map(i -> new InstalmentView(i.seq(), i.dueDate(),
                        i.amount(), i.paidAmount(), i.outstanding(), i.status(), i.remindedAt(), i.paidAt())).toList());
    }
}
