package io.overdue.invoices;

import io.overdue.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

@RestController
@RequestMapping("/api/invoices/{invoiceNumber}/copy")
@Tag(name = "Invoices")
class InvoiceCopyController {

    private final InvoiceCopies copies;

    InvoiceCopyController(InvoiceCopies copies) {
        this.copies = copies;
    }

    record Uploaded(String invoiceNumber, InvoiceCopies.Outcome result, String fileName, int size, String sha256) {
    }

    @PutMapping(consumes = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Upload the invoice as PDF; the dunning emails attach it",
            description = "201 when stored, 200 when it replaced another copy or was the same file again.")
    ResponseEntity<Uploaded> put(@PathVariable String invoiceNumber, @RequestParam(required = false) String fileName,
                                 @RequestBody(required = false) byte[] pdf) {
        InvoiceCopies.Outcome outcome = copies.put(invoiceNumber, fileName, pdf);
        InvoiceCopy stored = copies.find(invoiceNumber).orElseThrow();
        return ResponseEntity.status(outcome == InvoiceCopies.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Uploaded(invoiceNumber, outcome, stored.fileName(), stored.pdf().length, stored.sha256()));
    }

    @GetMapping(produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The invoice copy as PDF")
    ResponseEntity<byte[]> get(@PathVariable String invoiceNumber) {
        InvoiceCopy copy = copies.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Copy of invoice", invoiceNumber));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(copy.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .contentType(MediaType.APPLICATION_PDF).body(copy.pdf());
    }
}
