package io.overdue.agency;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Bad debt given up by a manager.
 *
 * @param amount the open balance when it was written off
 */
public record WriteOff(String invoiceNumber, BigDecimal amount, String currency, String reason, String writtenOffBy,
                       Instant writtenOffAt) {
}
