package io.overdue.invoices;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * An invoice as an ERP sends it. Dates are ISO strings checked by us rather than by the JSON parser, so
 * an impossible date is reported together with every other fault of the request.
 */
@Schema(description = "An invoice. Sending the same invoice again changes nothing; a changed amount, balance or due date updates it.")
public record InvoiceRequest(
        @NotBlank @Size(max = 64) String invoiceNumber,
        @NotBlank @Size(max = 64) @Schema(description = "Must exist (PUT /api/customers/{customerNumber})") String customerNumber,
        @NotBlank @Schema(example = "2026-11-01", description = "ISO 8601 date") String issueDate,
        @NotBlank @Schema(example = "2026-11-15", description = "ISO 8601 date, on or after the issue date") String dueDate,
        @NotBlank @Schema(example = "NOK", description = "ISO 4217") String currency,
        @NotNull @Schema(example = "1250.00") BigDecimal amount,
        @Schema(description = "What is still owed; defaults to the amount. 0 settles the invoice and ends its case.")
        BigDecimal openBalance,
        @Size(max = 35) @Schema(description = "KID (NO), OCR (SE) or RF reference; generated when missing")
        String paymentReference,
        @Schema(description = "Scheme of paymentReference; defaults from the customer's country (NO: KID, SE: OCR, else RF)")
        String referenceType,
        @Schema(description = "OPEN (default) or CANCELLED") String status) {
}
