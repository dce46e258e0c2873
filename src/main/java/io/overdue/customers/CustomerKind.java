package io.overdue.customers;

/** Business and consumer debts follow different rules (fees, compensation, contact limits). */
public enum CustomerKind {
    BUSINESS, CONSUMER
}
