package io.overdue.dunning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Collection case", description = "Where an invoice's collection case stands and what it does next")
class CaseViewController {

    private final CaseViews caseViews;

    CaseViewController(CaseViews caseViews) {
        this.caseViews = caseViews;
    }

    @GetMapping("/api/invoices/{invoiceNumber}/case")
    @Operation(summary = "The invoice's collection case in one answer",
            description = "State and current steps, dunning level, balance today (principal, fees, late interest, "
                    + "total), the next step and when it happens, the communication log, and the payment plan with its "
                    + "instalments and the customer's acceptance. An invoice settled at "
                    + "intake has no case: case and nextStep are null.")
    @ApiResponse(responseCode = "200", description = "The case view",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CaseView.class)))
    @ApiResponse(responseCode = "404", description = "No such invoice",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    CaseView get(@PathVariable String invoiceNumber) {
        return caseViews.of(invoiceNumber);
    }
}
