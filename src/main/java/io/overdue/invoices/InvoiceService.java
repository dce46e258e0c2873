package io.overdue.invoices;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.shared.Amounts;
import io.overdue.shared.NotFoundException;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to invoices for the API and for other modules (the dunning case reads what it chases). */
@Service
public class InvoiceService {

    private final InvoiceStore store;
    private final CustomerService customers;
    private final Optional<CaseStates> caseStates;

    InvoiceService(InvoiceStore store, CustomerService customers, Optional<CaseStates> caseStates) {
        this.store = store;
        this.customers = customers;
        this.caseStates = caseStates;
    }

    public Optional<Invoice> find(String invoiceNumber) {
        return store.find(invoiceNumber);
    }

    /** The invoices of these numbers that exist, by number, of any status. */
    public Map<String, Invoice> findByNumbers(Collection<String> invoiceNumbers) {
        return invoiceNumbers.isEmpty() ? Map.of() : store.findByNumbers(List.copyOf(invoiceNumbers));
    }

    /**
     * The invoices whose payment reference (KID, OCR or RF) is this one, of any status. References are stored
     * without spaces and in upper case, so the caller compacts what a bank sent the same way. Usually one; a
     * reference the ERP gave two invoices yields both.
     */
    public List<Invoice> findByPaymentReference(String paymentReference) {
        return store.findByReference(paymentReference);
    }

    /** The invoices whose payment reference is any of these (compacted like {@link #findByPaymentReference}). */
    public List<Invoice> findByPaymentReferences(Collection<String> paymentReferences) {
        return paymentReferences.isEmpty() ? List.of() : store.findByReferences(List.copyOf(paymentReferences));
    }

    /**
     * Open invoices in this currency whose open balance is exactly this amount, earliest due first, at most
     * {@code limit} (an indexed look-up: a payment's amount is often the balance it pays).
     */
    public List<Invoice> openWithBalance(String currency, java.math.BigDecimal balance, int limit) {
        return store.openWithBalance(currency, balance, limit);
    }

    /**
     * How many of the customer's invoices are overdue on {@code today}: something still owed and the due date
     * passed. "Today" is the caller's to choose, so that it is read in the creditor's time zone.
     */
    public long countOverdue(long customerId, LocalDate today) {
        return store.countOverdue(customerId, today);
    }

    /** The customer's open invoices, earliest due first, in one query (a collector's customer file). */
    public List<Invoice> openInvoices(long customerId) {
        return store.openOf(customerId);
    }

    /** Every invoice of the customer, of any status, earliest issued first. */
    public List<Invoice> invoicesOf(long customerId) {
        return store.allOf(customerId);
    }

    public InvoiceView view(String invoiceNumber) {
        Invoice invoice = store.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        CustomerRef customer = customers.ref(invoice.customerId()).orElseThrow();
        return new InvoiceView(invoice.invoiceNumber(), customer.customerNumber(), customer.name(), invoice.issueDate(),
                invoice.dueDate(), invoice.currency(), Amounts.forDisplay(invoice.amount()), Amounts.forDisplay(invoice.openBalance()),
                invoice.paymentReference(),
                invoice.referenceType(), invoice.status(), invoice.createdAt(), invoice.updatedAt(),
                caseStates.flatMap(states -> states.caseOf(invoiceNumber)).orElse(null));
    }
}
