package io.overdue.payments;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** One bank payment as the integration posts it. Dates are read here so that a bad one is named like every fault. */
@Schema(description = "A payment received on the creditor's account, without an invoice number; it is matched to an "
        + "invoice by its reference, its text or its payer and amount. Sending the same payment again stores nothing.")
record BankPaymentRequest(
        @Schema(description = "Required, ≤ 100, unique: the bank's or payer's id of this payment", example = "NDEA-2026-11-20-000042")
        String paymentId,
        @Schema(description = "> 0, at most the currency's decimals", example = "1250.50") BigDecimal amount,
        @Schema(description = "ISO 4217", example = "NOK") String currency,
        @Schema(description = "Required, ISO 8601 date the bank booked it", example = "2026-11-20") String bookedOn,
        @Schema(description = "Optional ISO 8601 value date", example = "2026-11-20") String valueDate,
        @Schema(description = "Optional structured reference (KID, OCR or RF), ≤ 35", example = "70017") String reference,
        @Schema(description = "Optional free text, ≤ 2000", example = "Faktura 7001") String text,
        @Schema(description = "Optional debtor name, ≤ 200", example = "Fjellheim Elektro AS") String payer,
        @Schema(description = "Optional end-to-end id, ≤ 35") String endToEndId,
        @Schema(description = "Optional bank reference (AcctSvcrRef), ≤ 35") String bankReference) {
}
