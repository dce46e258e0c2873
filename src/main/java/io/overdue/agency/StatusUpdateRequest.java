package io.overdue.agency;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * A status update as an agency sends it. Status and time are read as text, so that a bad value is reported
 * together with every other fault instead of alone.
 */
@Schema(description = "A status update from the collection agency; idempotent by updateId")
public record StatusUpdateRequest(
        @Schema(description = "RECEIVED, IN_PROGRESS, PAYMENT_ARRANGED, PAID, PARTIALLY_PAID, CLOSED_UNCOLLECTABLE or RETURNED",
                example = "IN_PROGRESS") String status,
        @Schema(description = "Total collected on the claim so far; required with PAID and PARTIALLY_PAID", example = "500.00")
        BigDecimal amountCollected,
        @Schema(description = "Free text, at most 2,000 characters") String note,
        @Schema(description = "When it happened at the agency, ISO 8601 with offset", example = "2026-11-20T10:15:00Z")
        String occurredAt,
        @Schema(description = "The agency's id of this update, at most 100 characters; a repeat is recorded once",
                example = "upd-7781") String updateId) {
}
