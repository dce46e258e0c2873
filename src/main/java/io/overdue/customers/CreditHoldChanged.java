package io.overdue.customers;

import java.time.Instant;

/**
 * Published synchronously, inside the writing transaction, when the ERP's customer data put a customer on
 * credit hold or lifted the ERP's own hold, so that the credit module records it in the hold's history.
 * Changes made through {@link CustomerService#setCreditHold} are not published: their caller records them.
 */
public record CreditHoldChanged(String customerNumber, boolean creditHold, CreditHoldSource source, Instant at) {
}
