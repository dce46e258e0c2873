package io.overdue.plans;

/** Where one instalment stands. */
public enum InstalmentStatus {
    /** Not (fully) paid; its date plus grace has not passed. */
    OPEN,
    /** Paid in full. */
    PAID,
    /** Its date passed without full payment; still within grace or the reminder's deadline. */
    LATE,
    /** Still unpaid after the reminder's deadline. */
    MISSED
}
