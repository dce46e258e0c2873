package io.overdue.plans;

/**
 * Where a plan's claim comes from: the open balance plus the fees and interest the collection case has claimed so far.
 * Implemented by the dunning module, which knows the charges; declared here so that plans need not depend on it.
 */
public interface ClaimSource {

    /** The claim on an open invoice now, in the invoice's currency. */
    Claim claimOf(String invoiceNumber);
}
