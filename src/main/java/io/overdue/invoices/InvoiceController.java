package io.overdue.invoices;

import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
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
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

@RestController
@RequestMapping("/api/invoices")
@Tag(name = "Invoices", description = "Invoices from the ERP; each open invoice gets a collection case")
class InvoiceController {

    private final InvoiceIntake intake;
    private final InvoiceCsvImport csvImport;
    private final InvoiceService invoices;
    private final IntakeProperties properties;
    private final InvoiceAdjustments adjustments;

    InvoiceController(InvoiceIntake intake, InvoiceCsvImport csvImport, InvoiceService invoices, IntakeProperties properties,
                      InvoiceAdjustments adjustments) {
        this.adjustments = adjustments;
        this.intake = intake;
        this.csvImport = csvImport;
        this.invoices = invoices;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Send one invoice", description = "201 when created (its case starts), 200 when updated or unchanged.")
    ResponseEntity<IntakeResult> post(@RequestBody InvoiceRequest request) {
        IntakeResult result = intake.accept(java.util.Collections.singletonList(request), InvoiceIntake.Locator.SINGLE).get(0);
        return ResponseEntity.status(result.result() == IntakeResult.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result);
    }

    @PostMapping("/batch")
    @Operation(summary = "Send many invoices at once (all or nothing)",
            description = "Faults are named by position, e.g. [3].amount. Nothing is written unless every invoice is valid.")
    List<IntakeResult> batch(@RequestBody List<InvoiceRequest> requests) {
        properties.checkBatchSize(requests.size(), "invoices");
        return intake.accept(requests, InvoiceIntake.Locator.BATCH);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a CSV file (all or nothing)",
            description = "UTF-8, comma or semicolon separated, header row. Columns: " +
                    "invoiceNumber, customerNumber, issueDate, dueDate, currency, amount (required); openBalance, " +
                    "paymentReference, referenceType, status; customerName, organisationNumber, customerKind, country, " +
                    "language, email, phone (create or update the customer). Faults name the row (header = row 1).")
    List<IntakeResult> importCsv(@RequestParam("file") MultipartFile file) throws IOException {
        if (file.getSize() > properties.maxFileSize().toBytes()) {
            throw InvalidInputException.of("file", "is larger than " + properties.maxFileSize());
        }
        return csvImport.importCsv(utf8(file.getBytes()));
    }

    @GetMapping("/{invoiceNumber}")
    @Operation(summary = "Get an invoice with the state of its collection case")
    InvoiceView get(@PathVariable String invoiceNumber) {
        return invoices.view(invoiceNumber);
    }

    @PostMapping("/{invoiceNumber}/credit-notes")
    @Operation(summary = "Credit all or part of an invoice",
            description = "Reduces the invoice's amount and open balance. Crediting the whole open balance ends the case: "
                    + "the invoice becomes CANCELLED when nothing was paid, PAID when the rest was paid. 201 when booked, "
                    + "200 when this credit note was booked before (nothing changes), 400 when the amount exceeds the open "
                    + "balance, the currency differs or the invoice is closed, 404 for an unknown invoice, 409 when the "
                    + "creditNoteNumber was used for other content.")
    ResponseEntity<AdjustmentResult<CreditNote>> creditNote(@PathVariable String invoiceNumber,
                                                            @RequestBody(required = false) CreditNoteRequest request) {
        return answer(adjustments.credit(invoiceNumber, request));
    }

    @PostMapping("/{invoiceNumber}/payments")
    @Operation(summary = "Report a direct payment of an invoice",
            description = "Reduces the open balance; the whole balance makes the invoice PAID and ends its case. "
                    + "201 when booked, 200 when this paymentId was booked before (nothing changes), 400 when the amount "
                    + "exceeds the open balance (over-payments are refused until bank reconciliation), the currency "
                    + "differs or the invoice is closed, 404 for an unknown invoice, 409 when the paymentId was used for "
                    + "another payment.")
    ResponseEntity<AdjustmentResult<Payment>> payment(@PathVariable String invoiceNumber,
                                                      @RequestBody(required = false) PaymentRequest request) {
        return answer(adjustments.pay(invoiceNumber, request));
    }

    private static <T> ResponseEntity<AdjustmentResult<T>> answer(AdjustmentResult<T> result) {
        return ResponseEntity.status(result.result() == IntakeResult.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(List.of(Violation.of("file", "is not UTF-8 encoded; save it as UTF-8 CSV")));
        }
    }
}
