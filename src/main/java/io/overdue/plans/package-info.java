/**
 * Payment plans: an invoice's claim paid in instalments on their own dates. {@link io.overdue.plans.PaymentPlans}
 * proposes a plan (validated against the claim and the policy's limits, which the caller supplies), moves it through
 * approval, acceptance and its end, and allocates payments to its instalments. Uses {@code invoices} and
 * {@code shared}; the collection case ({@code dunning}) will call it, never the other way round.
 */
package io.overdue.plans;
