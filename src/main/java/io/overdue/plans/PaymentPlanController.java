package io.overdue.plans;

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

/** Reading an invoice's plan; proposing one goes through the collection case ({@code dunning}), which owns the message. */
@RestController
@Tag(name = "Payment plans", description = "An invoice's claim paid in instalments")
class PaymentPlanController {

    private final PaymentPlans plans;

    PaymentPlanController(PaymentPlans plans) {
        this.plans = plans;
    }

    @GetMapping(PlanPaths.PLAN)
    @Operation(summary = "The invoice's payment plan: the live one, else the latest",
            description = "Status, amounts, who proposed and approved it, the customer's acceptance (time, IP, how), "
                    + "its end, and every instalment with what was paid on it.")
    @ApiResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PlanView.class)))
    @ApiResponse(responseCode = "404", description = "No such invoice, or it never had a plan",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PlanView get(@PathVariable String invoiceNumber) {
        return PlanView.of(plans.requireLatest(invoiceNumber));
    }
}
