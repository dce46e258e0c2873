package io.overdue.invoices;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A payment the ERP booked against an invoice. */
@Schema(description = "A direct payment of all or part of an invoice. Sending the same payment again books nothing.")
public record PaymentRequest(
        @NotBlank @Size(max = 100) @Schema(description = "Unique across all payments", example = "BANK-2026-11-20-0042")
        String paymentId,
        @NotNull @Schema(example = "500.00", description = "> 0, at most what is owed (principal plus the fees and interest claimed); it covers costs, then interest, then principal") BigDecimal amount,
        @NotBlank @Schema(example = "NOK", description = "The invoice's currency") String currency,
        @NotBlank @Schema(example = "2026-11-20", description = "ISO 8601 date") String paidOn,
        @Size(max = 200) @Schema(description = "Optional: who paid") String payer,
        @Size(max = 100) @Schema(description = "Optional: the payment's reference, e.g. the KID it came with") String reference) {
}
