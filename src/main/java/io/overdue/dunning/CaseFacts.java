package io.overdue.dunning;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.Amounts;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;

/** An invoice and its customer as one case sees them, read from our tables whenever they are needed. */
@Service
class CaseFacts {

    private final InvoiceService invoices;
    private final CustomerService customers;

    CaseFacts(InvoiceService invoices, CustomerService customers) {
        this.invoices = invoices;
        this.customers = customers;
    }

    record Facts(Invoice invoice, CustomerRef customer) {
    }

    Facts of(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
                .orElseThrow(() -> new IllegalStateException("invoice " + invoiceNumber + " of a running case is missing"));
        CustomerRef customer = customers.ref(invoice.customerId())
                .orElseThrow(() -> new IllegalStateException("customer of invoice " + invoiceNumber + " is missing"));
        return new Facts(invoice, customer);
    }

    /** What the collectors' form shows; plain strings so that Tasklist displays them as they are. */
    Map<String, Object> forForm(String invoiceNumber) {
        Facts facts = of(invoiceNumber);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Variables.INVOICE_NUMBER, facts.invoice().invoiceNumber());
        variables.put(Variables.CUSTOMER_NUMBER, facts.customer().customerNumber());
        variables.put(Variables.CUSTOMER_NAME, facts.customer().name());
        variables.put(Variables.OPEN_BALANCE, Amounts.forDisplay(facts.invoice().openBalance()).toPlainString());
        variables.put(Variables.CURRENCY, facts.invoice().currency());
        variables.put(Variables.DUE_DATE, facts.invoice().dueDate().toString());
        return variables;
    }
}
