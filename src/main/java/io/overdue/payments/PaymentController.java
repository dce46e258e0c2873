package io.overdue.payments;

import io.overdue.dunning.CaseUpdateQueue;
import io.overdue.invoices.IntakeProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.security.Principal;
import java.util.Collections;
import java.util.List;

@RestController
@RequestMapping("/api/payments")
@Tag(name = "Payments", description = "Bank payments without an invoice number, matched to invoices")
class PaymentController {

    private final PaymentIntake intake;
    private final PaymentImport fileImport;
    private final CaseUpdateQueue caseUpdates;
    private final IntakeProperties properties;

    PaymentController(PaymentIntake intake, PaymentImport fileImport, IntakeProperties properties,
                      CaseUpdateQueue caseUpdates) {
        this.caseUpdates = caseUpdates;
        this.intake = intake;
        this.fileImport = fileImport;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Report one bank payment",
            description = "Stored and matched to an invoice by its reference, an invoice number in its text, or its payer "
                    + "and amount; a match is booked on the invoice at once. 201 when stored, 200 when this paymentId was "
                    + "received before with the same content (nothing changes), 400 naming every fault, 409 when the "
                    + "paymentId was used for another payment.")
    ResponseEntity<PaymentIntake.Received> post(@RequestBody(required = false) BankPaymentRequest request) {
        PaymentIntake.Received received = intake.receiveRequests(Collections.singletonList(request), false).get(0);
        return ResponseEntity.status(received.result() == PaymentIntake.Received.Outcome.CREATED ? HttpStatus.CREATED
                : HttpStatus.OK).body(received);
    }

    @PostMapping("/batch")
    @Operation(summary = "Report many bank payments",
            description = "All are checked first; nothing is taken unless every one is valid (faults named by position, "
                    + "e.g. [3].amount). Then each is stored and matched in order. 200 with one result per payment.")
    List<PaymentIntake.Received> batch(@RequestBody List<BankPaymentRequest> requests) {
        properties.checkBatchSize(requests.size(), "payments");
        return intake.receiveRequests(requests, true);
    }

    /**
     * The file is the request body, streamed to the parser: not a multipart upload, whose size limit is the invoice
     * CSV's; the parser stops at {@code overdue.payments.max-file-size}.
     */
    @PostMapping(path = "/import", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Import an ISO 20022 bank file (camt.053 or camt.054, versions 02 to 08)",
            description = "Every booked credit transaction is a payment, matched and booked like one posted here; debits, "
                    + "pending entries and reversals are left out and counted. A file that cannot be read is refused "
                    + "whole (400 naming the fault; external entities and DTDs are refused), and nothing of it is "
                    + "booked. Importing a file again books nothing twice. 200 with counts and one result per payment.")
    PaymentImport.ImportResult importFile(InputStream body) {
        return fileImport.importFile(body);
    }

    @GetMapping("/case-updates")
    @Operation(summary = "Case updates of large bank files still to be applied",
            description = "A file or batch of more than overdue.payments.background-cases-above payments is answered once "
                    + "its payments are booked; the cases they end or reduce move in the background. pending counts the "
                    + "updates not yet applied, failing those that failed and wait for their next attempt.")
    CaseUpdates caseUpdates() {
        return new CaseUpdates(caseUpdates.pending(), caseUpdates.failing());
    }

    record CaseUpdates(long pending, long failing) {
    }

    @GetMapping
    @Operation(summary = "List bank payments, newest first",
            description = "status: matched, unmatched, ambiguous or credited (all when absent); page from 0; size 1-200.")
    PaymentIntake.PaymentPage list(@RequestParam(required = false) String status,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        return intake.list(status, page, size);
    }

    @GetMapping("/{paymentId}")
    @Operation(summary = "A bank payment and where it stands")
    BankPayment get(@PathVariable String paymentId) {
        return intake.get(paymentId);
    }

    @PostMapping("/{paymentId}/match")
    @Operation(summary = "Match an unmatched or ambiguous payment to an invoice by hand",
            description = "Booked on the invoice like an automatic match (rule COLLECTOR). 200 with the payment, 400 for "
                    + "an unknown or closed invoice or another currency, 404 for an unknown payment, 409 when it is "
                    + "matched already. More than the invoice owes becomes the customer's credit balance.")
    BankPayment match(@PathVariable String paymentId, @RequestBody(required = false) ManualMatchRequest request,
                      Principal user) {
        return intake.matchByHand(paymentId, request == null ? null : request.invoiceNumber(), user.getName());
    }

    record ManualMatchRequest(String invoiceNumber) {
    }

    @PostMapping("/{paymentId}/credit")
    @Operation(summary = "Keep an unmatched or ambiguous payment as a customer's credit balance",
            description = "For money that belongs to a customer but to none of their open invoices, e.g. a second payment "
                    + "of an invoice already paid. The payment becomes CREDITED and the credit gets a collector's task to "
                    + "offset or refund it. 200 with the payment, 400 naming customerNumber, 404 for an unknown payment, "
                    + "409 when it is matched or credited already.")
    BankPayment credit(@PathVariable String paymentId, @RequestBody(required = false) CreditRequest request,
                       Principal user) {
        return intake.creditByHand(paymentId, request == null ? null : request.customerNumber(), user.getName());
    }

    record CreditRequest(String customerNumber) {
    }
}
