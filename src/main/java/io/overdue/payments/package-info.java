/**
 * Payments: money the bank says came in. {@link io.overdue.payments.CamtParser} reads the bank's ISO 20022 files
 * (camt.053 statements, camt.054 notifications) into {@link io.overdue.payments.StatementPayment}s, one per incoming
 * transaction, and accounts for every entry it leaves out (docs/payments.md). Uses only {@code shared}.
 */
package io.overdue.payments;
