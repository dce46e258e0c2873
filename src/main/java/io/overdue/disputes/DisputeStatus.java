package io.overdue.disputes;

/** Where a dispute stands. */
public enum DisputeStatus {
    /** Raised; a collector decides. */
    OPEN,
    /** The collector asked for more information and looks again later. */
    MORE_INFORMATION,
    /** The customer was right: the upheld part was credited. */
    UPHELD,
    /** The claim stands; dunning went on. */
    REJECTED,
    /** The case ended (paid, cancelled, credited, written off) before it was decided. */
    CLOSED
}
