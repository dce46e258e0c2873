package io.overdue.workbench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A task in the work queue with what decides its place: the invoice's open balance and days overdue, its dunning
 * level, a broken promise, an open dispute. The invoice fields are null for a task of a process that is not an
 * invoice's case (matching a bank payment: {@code businessKey} is then the payment's id).
 */
public record WorkItem(String taskId, String taskName, String taskType, String assignee, Instant created,
                       Instant taskDue, String processInstanceId, String businessKey, String invoiceNumber,
                       String customerNumber, String customerName, String country, String currency,
                       BigDecimal openBalance, LocalDate dueDate, long daysOverdue, Integer dunningLevel,
                       boolean brokenPromise, boolean disputed, BigDecimal score) {
}
