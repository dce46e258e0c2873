package io.overdue.plans;

import io.overdue.invoices.ChargeClaim;
import io.overdue.invoices.InvoiceChargeSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A plan's fee is owed once the customer accepted the plan, and stays owed when the plan breaks: it was agreed. A plan
 * that was cancelled (its invoice settled or credited, a dispute upheld) or never accepted claims nothing. While a plan
 * is kept (and once it is paid) interest stops on the day it was proposed: its instalments add up to the claim of that
 * day. A broken plan's claim is no longer fixed, and interest runs on as if there had been none.
 */
@Component
class PlanFeeChargeSource implements InvoiceChargeSource {

    private static final Set<PlanStatus> AGREED = EnumSet.of(PlanStatus.ACTIVE, PlanStatus.PAID, PlanStatus.BROKEN);
    private static final Set<PlanStatus> KEPT = EnumSet.of(PlanStatus.ACTIVE, PlanStatus.PAID);

    private final PlanStore plans;
    private final ZoneId zone;

    PlanFeeChargeSource(PlanStore plans, @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.plans = plans;
        this.zone = zone;
    }

    @Override
    public List<ChargeClaim> claimsOn(String invoiceNumber, String currency) {
        return plans.ofInvoice(invoiceNumber).stream()
                .filter(plan -> plan.planFee() != null && plan.acceptedAt() != null && AGREED.contains(plan.status())
                        && currency.equals(plan.currency()))
                .map(plan -> new ChargeClaim(ChargeClaim.Kind.PLAN_FEE, plan.acceptedAt().atZone(zone).toLocalDate(),
                        plan.planFee(), "plan " + plan.id()))
                .toList();
    }

    @Override
    public Optional<LocalDate> interestStopsOn(String invoiceNumber) {
        return plans.ofInvoice(invoiceNumber).stream()
                .filter(plan -> KEPT.contains(plan.status()) && plan.proposedAt() != null)
                .map(plan -> plan.proposedAt().atZone(zone).toLocalDate())
                .max(java.util.Comparator.naturalOrder());
    }
}
