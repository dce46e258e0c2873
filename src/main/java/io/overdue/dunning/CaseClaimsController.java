package io.overdue.dunning;

import io.overdue.disputes.Dispute;
import io.overdue.dunning.CaseClaimRequests.DisputeRequest;
import io.overdue.dunning.CaseClaimRequests.PromiseRequest;
import io.overdue.promises.Promise;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/invoices/{invoiceNumber}")
@Tag(name = "Disputes and promises", description = "What the customer says: disputes of the claim and promises to pay")
class CaseClaimsController {

    private final CaseClaims claims;

    CaseClaimsController(CaseClaims claims) {
        this.claims = claims;
    }

    @PostMapping("/disputes")
    @Operation(summary = "Record a customer's dispute of all or part of the invoice",
            description = "Without an amount, or with the whole open balance, the whole claim is disputed and dunning "
                    + "pauses until a collector resolves it; a smaller amount lets dunning go on for the rest. 201 with "
                    + "the stored dispute, 200 when this disputeId was recorded before (nothing changes), 400 naming "
                    + "every bad field, 404 for an unknown invoice, 409 when the disputeId was used for another dispute "
                    + "or the case cannot take a dispute now (closed invoice, a dispute being resolved, an escalation "
                    + "waiting for the managers).")
    ResponseEntity<Dispute> dispute(@PathVariable String invoiceNumber,
                                    @RequestBody(required = false) DisputeRequest request) {
        return answer(claims.raiseDispute(invoiceNumber, request));
    }

    @GetMapping("/disputes")
    @Operation(summary = "The invoice's disputes, oldest first")
    List<Dispute> disputes(@PathVariable String invoiceNumber) {
        return claims.disputes(invoiceNumber);
    }

    @PostMapping("/promises")
    @Operation(summary = "Record a customer's promise to pay",
            description = "Dunning pauses until the promised date plus the grace period; then a promise not kept sends "
                    + "the next level at once. 201 with the stored promise, 200 when this promiseId was recorded before, "
                    + "400 naming every bad field, 404 for an unknown invoice, 409 when the promiseId was used for "
                    + "another promise or the case cannot take a promise now (closed invoice, an earlier promise "
                    + "pending, a dispute being resolved, an escalation waiting for the managers).")
    ResponseEntity<Promise> promise(@PathVariable String invoiceNumber,
                                    @RequestBody(required = false) PromiseRequest request) {
        return answer(claims.makePromise(invoiceNumber, request));
    }

    @GetMapping("/promises")
    @Operation(summary = "The invoice's promises to pay, oldest first")
    List<Promise> promises(@PathVariable String invoiceNumber) {
        return claims.promises(invoiceNumber);
    }

    private static <T> ResponseEntity<T> answer(CaseClaims.Taken<T> taken) {
        return ResponseEntity.status(taken.created() ? HttpStatus.CREATED : HttpStatus.OK).body(taken.record());
    }
}
