package io.overdue.invoices;

/** What happened to one invoice of a request. */
public record IntakeResult(String invoiceNumber, Outcome result, InvoiceStatus status, String paymentReference) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }
}
