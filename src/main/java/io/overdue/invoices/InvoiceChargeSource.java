package io.overdue.invoices;

import java.util.List;

/**
 * What another module claims on an invoice on top of its principal. The dunning notices claim fees, compensation and
 * interest, an accepted payment plan its fee; this module adds them up to allocate payments (costs first) and to show
 * a customer's ledger, without knowing either.
 */
public interface InvoiceChargeSource {

    /** The claims on the invoice in its own currency (a charge in another currency is never claimed), in date order. */
    List<ChargeClaim> claimsOn(String invoiceNumber, String currency);
}
