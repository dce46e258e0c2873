package io.overdue.dunning;

import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.Owed;
import io.overdue.plans.Claim;
import io.overdue.plans.ClaimSource;
import org.springframework.stereotype.Component;

/**
 * A plan's claim is what is owed on the invoice: the open principal plus the fees, interest and compensation the
 * case's notices claimed (and an earlier plan's fee), less what payments have covered of them.
 */
@Component
class CaseClaimSource implements ClaimSource {

    private final InvoiceAdjustments adjustments;

    CaseClaimSource(InvoiceAdjustments adjustments) {
        this.adjustments = adjustments;
    }

    @Override
    public Claim claimOf(String invoiceNumber) {
        Owed owed = adjustments.owed(invoiceNumber);
        return new Claim(owed.total(), owed.currency());
    }
}
