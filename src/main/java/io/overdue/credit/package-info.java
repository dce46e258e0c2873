/**
 * Credit hold: at the dunning policy's level a customer is put on hold (stored, and announced to an outbound
 * webhook so that the ERP or shop stops deliveries), and released once none of its invoices is overdue.
 * {@link io.overdue.credit.CreditHolds} is the way in; see docs/credit-hold.md.
 */
package io.overdue.credit;
