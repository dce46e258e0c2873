package io.overdue.payments;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoicesAccepted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * A payment can reach us before its invoice does (the customer pays the KID from the paper invoice the day the ERP
 * sends it in a nightly batch). It is kept UNMATCHED; once the invoice and its case are committed, each unmatched
 * payment naming the invoice is matched again and booked, so it reaches the new case like any other payment.
 */
@Component
class EarlyPayments {

    private static final Logger log = LoggerFactory.getLogger(EarlyPayments.class);
    private static final int ATTEMPTS = 3;

    private final BankPaymentStore store;
    private final PaymentIntake intake;
    private final InvoiceService invoices;
    private final TransactionTemplate ownTransaction;

    EarlyPayments(BankPaymentStore store, PaymentIntake intake, InvoiceService invoices,
                  PlatformTransactionManager transactions) {
        this.store = store;
        this.intake = intake;
        this.invoices = invoices;
        this.ownTransaction = new TransactionTemplate(transactions);
        // After the intake committed, its transaction's resources are still bound: only a new one writes.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * One look at the unmatched payments per intake, none at all while there are none: intake takes thousands of
     * invoices a second and must not pay a query per invoice for a rare case. The matcher decides; this only picks the
     * payments that name a new invoice by its reference or number.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void invoicesAccepted(InvoicesAccepted accepted) {
        List<String> created = accepted.changes().stream().filter(change -> change.kind() == InvoicesAccepted.Kind.NEW)
                .map(InvoicesAccepted.Change::invoiceNumber).toList();
        if (created.isEmpty()) {
            return;
        }
        List<BankPayment> waiting = store.unmatched();
        if (waiting.isEmpty()) {
            return;
        }
        for (Invoice invoice : invoices.findByNumbers(created).values()) {
            String reference = compact(invoice.paymentReference());
            waiting.stream().filter(payment -> (reference != null && reference.equals(compact(payment.reference())))
                            || (payment.text() != null && payment.text().contains(invoice.invoiceNumber())))
                    .forEach(payment -> matchAgain(payment.paymentId(), invoice.invoiceNumber()));
        }
    }

    private static String compact(String reference) {
        return reference == null || reference.isBlank() ? null : reference.replace(" ", "");
    }

    /** A failure leaves the payment UNMATCHED, where collectors see it: never lost, at worst matched by hand. */
    private void matchAgain(String paymentId, String invoiceNumber) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                BankPayment now = ownTransaction.execute(status -> intake.matchAgain(paymentId));
                if (now != null && now.status() == BankPaymentStatus.MATCHED) {
                    log.info("Payment {} received before invoice {} is now matched to {}", paymentId, invoiceNumber,
                            now.matchedInvoiceNumber());
                }
                return;
            } catch (ConcurrencyFailureException e) {
                log.info("Payment {} collided while matched again (attempt {}): {}", paymentId, attempt, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Payment {} could not be matched again to new invoice {}; it stays unmatched", paymentId,
                        invoiceNumber, e);
                return;
            }
        }
    }
}
