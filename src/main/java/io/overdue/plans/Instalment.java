package io.overdue.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One instalment of a plan, as stored.
 *
 * @param seq        its place in the plan, from 1
 * @param paidAmount what payments allocated to it so far
 * @param paidAt     the day the payment that completed it was made; null while not fully paid
 */
public record Instalment(int seq, LocalDate dueDate, BigDecimal amount, BigDecimal paidAmount, InstalmentStatus status,
                         Instant remindedAt, LocalDate paidAt) {

    /** What is still to pay on it. */
    public BigDecimal outstanding() {
        return amount.subtract(paidAmount);
    }
}
