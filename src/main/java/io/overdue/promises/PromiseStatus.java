package io.overdue.promises;

/** Where a promise to pay stands. */
public enum PromiseStatus {
    /** Made; its date plus grace has not come yet. */
    PENDING,
    /** Paid as promised (or the invoice was settled). */
    KEPT,
    /** Not paid as promised by the date plus grace: dunning went on at once. */
    BROKEN,
    /** The case ended otherwise (cancelled, credited, written off) before the promise came due. */
    VOID
}
