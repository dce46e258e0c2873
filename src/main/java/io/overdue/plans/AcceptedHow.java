package io.overdue.plans;

/** How the customer's written confirmation of a plan came in. */
public enum AcceptedHow {
    /** The customer accepted it on the page the emailed link opens. */
    LINK,
    /** A collector recorded a confirmation received by other means (letter, signed copy). */
    RECORDED_BY_COLLECTOR
}
