package io.overdue.invoices;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * What a credit note or payment did: {@code CREATED} when it was booked now, {@code UNCHANGED} when it had been
 * booked before (then {@code invoice} shows the invoice as it is now, which later adjustments may have changed).
 */
public record AdjustmentResult<T>(
        @Schema(description = "CREATED or UNCHANGED") IntakeResult.Outcome result,
        T booked,
        InvoiceBalance invoice) {

    public record InvoiceBalance(String invoiceNumber, String currency, BigDecimal amount, BigDecimal openBalance,
                                 InvoiceStatus status) {
    }
}
