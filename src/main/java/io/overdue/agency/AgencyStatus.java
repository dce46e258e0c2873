package io.overdue.agency;

import java.util.Arrays;
import java.util.List;

/** Where an agency case stands. HANDED_OVER is ours; the others are what an agency reports. */
public enum AgencyStatus {
    HANDED_OVER, RECEIVED, IN_PROGRESS, PAYMENT_ARRANGED, PAID, PARTIALLY_PAID, CLOSED_UNCOLLECTABLE, RETURNED;

    /** The statuses an agency may report. */
    public static List<AgencyStatus> reportable() {
        return Arrays.stream(values()).filter(s -> s != HANDED_OVER).toList();
    }

    /** Statuses that say money came in, which the agency must put a figure on. */
    boolean needsAmount() {
        return this == PAID || this == PARTIALLY_PAID;
    }
}
