package io.overdue.customers;

/**
 * Who put a customer on credit hold, or who lifted it. The source decides who may lift a hold: the dunning
 * policy lifts only holds it placed itself, never one the ERP placed.
 */
public enum CreditHoldSource {
    /** The dunning policy, at the level that stops deliveries. */
    POLICY,
    /** The ERP, through the {@code creditHold} field of {@code PUT /api/customers}. */
    ERP,
    /** A manager, by hand (release only). */
    MANAGER
}
