package io.overdue.plans;

import io.overdue.invoices.ChargeClaim;
import io.overdue.invoices.InvoiceChargeSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A plan's fee is owed once the customer accepted the plan, and stays owed when the plan breaks: it was agreed. A plan
 * that was cancelled (its invoice settled or credited, a dispute upheld) or never accepted claims nothing.
 */
@Component
class PlanFeeChargeSource implements InvoiceChargeSource {

    private static final Set<PlanStatus> AGREED = EnumSet.of(PlanStatus.ACTIVE, PlanStatus.PAID, PlanStatus.BROKEN);

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
}
