package io.overdue.payments;

/** How a bank payment reached us. */
public enum PaymentSource {
    /** {@code POST /api/payments} or {@code /batch}: the bank integration sent it as JSON. */
    API,
    /** A camt.053/054 bank file. */
    FILE
}
