package io.overdue.plans;

import java.util.Set;

/** Where a payment plan stands. The first four are live: at most one live plan per invoice. */
public enum PlanStatus {
    /** Proposed (by a collector, the API or the customer); not yet decided. */
    PROPOSED,
    /** The policy wants a manager to approve it. */
    AWAITING_APPROVAL,
    /** Approved; waiting for the customer's written confirmation. */
    AWAITING_ACCEPTANCE,
    /** Confirmed; its instalments are chased on their own dates. */
    ACTIVE,
    /** Every instalment paid. */
    PAID,
    /** An instalment stayed unpaid: collection goes on. */
    BROKEN,
    /** A manager refused it. */
    REJECTED,
    /** The customer did not confirm it in time. */
    EXPIRED,
    /** Withdrawn before it ended otherwise (e.g. the invoice was settled or credited). */
    CANCELLED;

    static final Set<PlanStatus> LIVE = Set.of(PROPOSED, AWAITING_APPROVAL, AWAITING_ACCEPTANCE, ACTIVE);

    public boolean live() {
        return LIVE.contains(this);
    }
}
