package io.overdue.payments;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.PaymentRequest;
import io.overdue.payments.CreditBalanceProcess.Settlement;
import io.overdue.payments.CreditBalanceProcess.Variables;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Customers' credit balances: kept when a payment was more than its invoice owed or paid an invoice already closed,
 * each with a collector's task (process {@code CreditBalance}) to offset it against open invoices or record its refund.
 * Money that arrived is never lost: it is on an invoice, or here until a collector has settled it.
 */
@Service
public class CreditBalances {

    /** Offsets are booked as payments under this id and the credit's and invoice's, unique per credit and invoice. */
    static final String OFFSET_PAYMENT_PREFIX = "OFFSET-";

    private final CreditBalanceStore store;
    private final InvoiceService invoices;
    private final InvoiceAdjustments adjustments;
    private final CustomerService customers;
    private final RuntimeService runtime;
    private final Clock clock;
    private final ZoneId zone;

    CreditBalances(CreditBalanceStore store, InvoiceService invoices, InvoiceAdjustments adjustments,
                   CustomerService customers, RuntimeService runtime, Clock clock,
                   @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.store = store;
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.customers = customers;
        this.runtime = runtime;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Keeps {@code amount} of the payment as the customer's credit and starts the collector's task, in the caller's
     * transaction: the credit and its task exist together or not at all. A payment is credited once; asking again
     * returns the credit kept before.
     */
    @Transactional
    public CreditBalance open(long customerId, String paymentId, String invoiceNumber, String currency, BigDecimal amount,
                              String reason) {
        return store.forPayment(paymentId).orElseGet(() -> {
            long id = store.insert(new CreditBalance(0, customerId, paymentId, invoiceNumber, currency, amount, amount,
                    reason, CreditBalance.Status.OPEN, clock.instant(), 0));
            runtime.startProcessInstanceByKey(CreditBalanceProcess.PROCESS_KEY, paymentId,
                    java.util.Map.of(Variables.CREDIT_ID, id));
            return store.find(id).orElseThrow();
        });
    }

    public CreditBalance get(long creditId) {
        return store.find(creditId).orElseThrow(() -> new NotFoundException("Credit balance", String.valueOf(creditId)));
    }

    public java.util.Optional<CreditBalance> forPayment(String paymentId) {
        return store.forPayment(paymentId);
    }

    /** A customer's credit balances, oldest first, settled ones too. */
    public List<CreditBalance> ofCustomer(long customerId) {
        return store.ofCustomer(customerId);
    }

    /** The refunds and offsets of a customer's credit balances, oldest first. */
    public List<CreditBalance.Settlement> settlementsOfCustomer(long customerId) {
        return store.settlementsOfCustomer(customerId);
    }

    // A refusal is checked before anything is written, and must not doom the engine's transaction: the model turns it
    // into a BPMN error back to the collector, and that step commits.

    /**
     * Books what is left of the credit, at most what the invoice owes, as a payment on another open invoice of the same
     * customer in the same currency (it covers costs, interest and principal like any payment). Refused, naming
     * {@code offsetInvoiceNumber}, for an unknown, closed or foreign invoice; nothing is booked then.
     *
     * @return the credit as it is now; open when the invoice owed less than it
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public CreditBalance offset(long creditId, String invoiceNumber, String collector) {
        CreditBalance credit = open(creditId);
        Violations violations = new Violations();
        Invoice invoice = null;
        if (invoiceNumber == null || invoiceNumber.isBlank()) {
            violations.add(Variables.OFFSET_INVOICE_NUMBER, "name the invoice to offset the credit against");
        } else {
            invoice = invoices.find(invoiceNumber.strip()).orElse(null);
            if (invoice == null) {
                violations.add(Variables.OFFSET_INVOICE_NUMBER, "invoice " + invoiceNumber.strip() + " does not exist");
            } else if (invoice.customerId() != credit.customerId()) {
                violations.add(Variables.OFFSET_INVOICE_NUMBER, "invoice " + invoice.invoiceNumber()
                        + " belongs to another customer; a credit is offset only against its own customer's invoices");
            } else if (invoice.status().isClosed()) {
                violations.add(Variables.OFFSET_INVOICE_NUMBER, "invoice " + invoice.invoiceNumber() + " is already "
                        + invoice.status() + "; choose an open one");
            } else if (!invoice.currency().equals(credit.currency())) {
                violations.add(Variables.OFFSET_INVOICE_NUMBER, "invoice " + invoice.invoiceNumber() + " is in "
                        + invoice.currency() + ", the credit in " + credit.currency() + " (no currency conversion)");
            }
        }
        violations.throwIfAny();
        BigDecimal amount = credit.openAmount().min(adjustments.owed(invoice.invoiceNumber()).total());
        String customerName = customers.ref(credit.customerId()).map(CustomerRef::name).orElse(null);
        adjustments.pay(invoice.invoiceNumber(), new PaymentRequest(
                OFFSET_PAYMENT_PREFIX + credit.id() + "-" + invoice.invoiceNumber(), amount, credit.currency(),
                today().toString(), customerName, credit.paymentId()));
        return settle(credit, new CreditBalance.Settlement(credit.id(), Settlement.OFFSET, amount, invoice.invoiceNumber(),
                "offset of the credit from payment " + credit.paymentId(), collector, today(), clock.instant()));
    }

    /**
     * Records that what is left of the credit was paid back to the customer. The note says how (account, date, the
     * bank's reference); the money itself goes out through the creditor's bank, not through this system.
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public CreditBalance refund(long creditId, String note, String collector) {
        CreditBalance credit = open(creditId);
        if (note == null || note.isBlank()) {
            throw InvalidInputException.of(Variables.REFUND_NOTE, "say how the credit was paid back: account, date, "
                    + "the bank's reference");
        }
        if (note.length() > 1000) {
            throw InvalidInputException.of(Variables.REFUND_NOTE, "must be at most 1000 characters");
        }
        return settle(credit, new CreditBalance.Settlement(credit.id(), Settlement.REFUND, credit.openAmount(), null,
                note.strip(), collector, today(), clock.instant()));
    }

    private CreditBalance open(long creditId) {
        CreditBalance credit = get(creditId);
        if (credit.status() == CreditBalance.Status.SETTLED) {
            throw InvalidInputException.of(Variables.CREDIT_SETTLEMENT, "credit balance " + creditId
                    + " is settled already; nothing is left of it");
        }
        return credit;
    }

    private CreditBalance settle(CreditBalance credit, CreditBalance.Settlement settlement) {
        store.insert(settlement);
        store.reduce(credit, settlement.amount());
        return get(credit.id());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
