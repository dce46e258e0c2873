/**
 * Payments: money the bank says came in. {@link io.overdue.payments.CamtParser} reads the bank's ISO 20022 files
 * (camt.053 statements, camt.054 notifications) into {@link io.overdue.payments.StatementPayment}s, one per incoming
 * transaction, and accounts for every entry it leaves out (docs/payments.md). {@link io.overdue.payments.PaymentIntake}
 * stores, matches and books them (uses {@code invoices} and {@code customers}); a payment nothing matched gets the
 * collectors' task {@code bpmn/match-payment.bpmn} ({@link io.overdue.payments.MatchPaymentProcess}) with suggestions
 * ({@code PaymentSuggestions}).
 */
package io.overdue.payments;
