package io.overdue.invoices;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A credit note from the ERP; the date is an ISO string checked by us, so it is reported with every other fault. */
@Schema(description = "A credit note for all or part of an invoice. Sending the same credit note again changes nothing.")
public record CreditNoteRequest(
        @NotBlank @Size(max = 64) @Schema(description = "Unique; identifies the credit note", example = "CN-7001-1")
        String creditNoteNumber,
        @NotNull @Schema(example = "250.00", description = "> 0, at most the invoice's open balance") BigDecimal amount,
        @NotBlank @Schema(example = "NOK", description = "The invoice's currency") String currency,
        @NotBlank @Schema(example = "2026-11-20", description = "ISO 8601 date") String issueDate,
        @NotBlank @Size(max = 2000) @Schema(example = "Two units returned damaged") String reason) {
}
