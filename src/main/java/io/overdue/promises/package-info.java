/**
 * Promises to pay: what a customer promised (a date, all or part of the balance), through the API or on a
 * collector's call, and whether it was kept. The collection case records and checks them through
 * {@link io.overdue.promises.Promises}; the case's history and the agency's case file read them from there.
 */
package io.overdue.promises;
