package io.overdue.credit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;

@RestController
@RequestMapping("/api/customers/{customerNumber}/credit-hold")
@Tag(name = "Credit hold", description = "Customers whose deliveries are stopped until they pay")
class CreditHoldController {

    static final URI WEBHOOK_FAILED = URI.create("urn:overdue:problem:webhook-failed");

    private final CreditHolds holds;

    CreditHoldController(CreditHolds holds) {
        this.holds = holds;
    }

    @GetMapping
    @Operation(summary = "A customer's credit hold and its history",
            description = "Whether the customer is on hold, who placed the hold (POLICY or ERP), whether it lifts "
                    + "itself once nothing is overdue, and every placing and lifting with its webhook delivery.")
    @ApiResponse(responseCode = "200", description = "The hold and its history")
    @ApiResponse(responseCode = "404", description = "Unknown customer")
    CreditHold get(@PathVariable String customerNumber) {
        return holds.state(customerNumber);
    }

    @PostMapping("/release")
    @Operation(summary = "Lift a customer's credit hold by hand (managers)",
            description = "Lifts the hold whoever placed it, e.g. after a new agreement, and announces it to the "
                    + "webhook. Lifting a customer not on hold changes nothing. Managers and camunda-admin only.")
    @ApiResponse(responseCode = "200", description = "The hold after the call")
    @ApiResponse(responseCode = "400", description = "No reason given")
    @ApiResponse(responseCode = "403", description = "Not a manager")
    @ApiResponse(responseCode = "404", description = "Unknown customer")
    @ApiResponse(responseCode = "502", description = "Lifted, but the webhook did not take it; call again to resend")
    CreditHold release(@PathVariable String customerNumber, @RequestBody ReleaseRequest request, Principal user) {
        holds.release(customerNumber, request.reason(), user.getName());
        return holds.state(customerNumber);
    }

    @ExceptionHandler(CreditHoldWebhookException.class)
    ProblemDetail webhookFailed(CreditHoldWebhookException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage()
                + ". The change is stored; send the same request again to announce it (same event id).");
        problem.setType(WEBHOOK_FAILED);
        problem.setTitle("Webhook not delivered");
        problem.setProperty("eventId", e.eventId());
        return problem;
    }

    @Schema(description = "Why the hold is lifted, kept in the history and sent to the webhook")
    record ReleaseRequest(@Schema(example = "Payment plan agreed", maxLength = 500) String reason) {
    }
}
