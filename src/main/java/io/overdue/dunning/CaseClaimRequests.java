package io.overdue.dunning;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** What the API takes for a dispute or a promise; checked by {@link CaseClaims}, which names every fault. */
final class CaseClaimRequests {

    private CaseClaimRequests() {
    }

    @Schema(description = "A customer's dispute of all or part of an invoice. Sending the same disputeId again changes nothing.")
    record DisputeRequest(
            @Schema(description = "Required, at most 2,000 characters: what the customer objects to",
                    example = "Two of the ten units arrived broken") String reason,
            @Schema(description = "Optional: the disputed part, > 0, at most the open balance, in the invoice's currency "
                    + "with at most its decimals. Absent (or the whole balance): the whole claim is disputed and dunning "
                    + "pauses; less: dunning goes on for the rest", example = "250.00") BigDecimal amount,
            @Schema(description = "Optional, at most 100 characters: your id for this dispute; a repeat with the same id "
                    + "answers the stored dispute", example = "ERP-DISPUTE-4711") String disputeId) {
    }

    @Schema(description = "A customer's promise to pay. Sending the same promiseId again changes nothing.")
    record PromiseRequest(
            @Schema(description = "Required ISO date: today or later, at most overdue.promises.horizon (60 days) ahead",
                    example = "2026-12-01") String promisedDate,
            @Schema(description = "Optional: the promised amount, > 0, at most the open balance; absent: the whole balance",
                    example = "500.00") BigDecimal amount,
            @Schema(description = "Optional, at most 2,000 characters", example = "Pays on Friday, confirmed by email")
            String note,
            @Schema(description = "Optional, at most 100 characters: your id for this promise; a repeat with the same id "
                    + "answers the stored promise", example = "CRM-CALL-0815") String promiseId) {
    }
}
