package io.overdue.dunning;

import io.overdue.channels.EmailChannel;
import io.overdue.channels.Notice;
import io.overdue.channels.SentNotice;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceCopies;
import io.overdue.invoices.InvoiceCopy;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.ConflictException;
import io.overdue.shared.CreditorProperties;
import io.overdue.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;

/**
 * The invoice, sent again: a customer on the phone says it never arrived. The ERP's own PDF goes as the attachment
 * of an email with the payment details, through the outbox like every notice, so it is logged and sent once.
 */
@Service
class InvoiceCopyEmails {

    static final String TEMPLATE = "invoice-copy";

    private final InvoiceService invoices;
    private final CaseFacts caseFacts;
    private final InvoiceCopies copies;
    private final CustomerService customers;
    private final EmailChannel email;
    private final CreditorProperties creditor;

    InvoiceCopyEmails(InvoiceService invoices, CaseFacts caseFacts, InvoiceCopies copies, CustomerService customers, EmailChannel email,
                      CreditorProperties creditor) {
        this.invoices = invoices;
        this.caseFacts = caseFacts;
        this.copies = copies;
        this.customers = customers;
        this.email = email;
        this.creditor = creditor;
    }

    /** @param requestKey the form's one-time key: a form sent twice sends one email; a new form, another */
    @Transactional
    SentNotice resend(String invoiceNumber, String requestKey) {
        invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        InvoiceCopy copy = copies.find(invoiceNumber).orElseThrow(() -> new ConflictException("No copy of invoice "
                + invoiceNumber + " is stored; the ERP uploads it with PUT /api/invoices/" + invoiceNumber + "/copy"));
        Customer customer = customers.get(facts.customer().customerNumber());
        if (customer.noticeEmail() == null) {
            throw new ConflictException("Customer " + customer.customerNumber() + " has no email address for invoice copies");
        }
        NoticeFormat format = new NoticeFormat(customer);
        var model = format.model(customer, invoice, creditor, invoice.openBalance(), BigDecimal.ZERO, BigDecimal.ZERO,
                invoice.openBalance(), invoice.dueDate());
        return email.send(new Notice(TEMPLATE + ":" + invoiceNumber + ":" + requestKey, invoiceNumber,
                customer.customerNumber(), customer.noticeEmail(), TEMPLATE, format.locale(), model)
                .withAttachments(Notice.Attachment.pdf(copy.fileName(), copy.pdf())));
    }
}
