package io.overdue.dunning;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.plans.Claim;
import io.overdue.plans.ClaimSource;
import io.overdue.shared.NotFoundException;
import org.springframework.stereotype.Component;

/** A plan's claim is what the case's notices claim: the open balance plus their fees, interest and compensation. */
@Component
class CaseClaimSource implements ClaimSource {

    private final InvoiceService invoices;
    private final DunningNoticeStore notices;

    CaseClaimSource(InvoiceService invoices, DunningNoticeStore notices) {
        this.invoices = invoices;
        this.notices = notices;
    }

    @Override
    public Claim claimOf(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        DunningNotices.ClaimedCharges claimed = DunningNotices.claimed(notices.forInvoice(invoiceNumber), invoice.currency());
        return new Claim(invoice.openBalance().add(claimed.total()), invoice.currency());
    }
}
