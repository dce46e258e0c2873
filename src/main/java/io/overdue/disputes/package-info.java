/**
 * Disputes: a customer's objection to all or part of an invoice, raised through the API or on a collector's call,
 * and the collector's decision on it (uphold with a credit note, reject, ask for more information). The collection
 * case records them through {@link io.overdue.disputes.Disputes}; the case's history and the agency's case file
 * read them from there.
 */
package io.overdue.disputes;
