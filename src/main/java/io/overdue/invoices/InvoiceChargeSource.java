package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What another module claims on an invoice on top of its principal. The dunning notices claim fees, compensation and
 * interest, an accepted payment plan its fee; this module adds them up to allocate payments (costs first) and to show
 * a customer's ledger, without knowing either.
 */
public interface InvoiceChargeSource {

    /** The claims on the invoice in its own currency (a charge in another currency is never claimed), in date order. */
    List<ChargeClaim> claimsOn(String invoiceNumber, String currency);

    /**
     * Late interest on {@code principal} from the day after the due date up to and including {@code day}, for a
     * customer in {@code country}; empty when this source does not compute interest or lacks a rate for a day of it.
     * Asked only once a notice has claimed interest: interest runs until the day of payment, but it is owed only when
     * the creditor claimed it.
     */
    default Optional<BigDecimal> accruedInterest(String country, BigDecimal principal, String currency, LocalDate dueDate,
                                                 LocalDate day) {
        return Optional.empty();
    }

    /**
     * The last day interest runs on this invoice, when an agreement fixed the claim (a payment plan's instalments add
     * up to the claim on the day it was proposed); empty when interest runs on.
     */
    default Optional<LocalDate> interestStopsOn(String invoiceNumber) {
        return Optional.empty();
    }
}
