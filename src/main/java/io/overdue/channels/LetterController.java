package io.overdue.channels;

import io.overdue.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/invoices/{invoiceNumber}/letters")
@Tag(name = "Letters", description = "Notices that go by post, stored as PDF with the invoice's case")
class LetterController {

    private final LetterChannel letters;

    LetterController(LetterChannel letters) {
        this.letters = letters;
    }

    /** A stored letter as listed: where to download it, without its bytes. */
    record LetterSummary(long id, String template, Instant createdAt, int size, String href) {
    }

    @GetMapping
    @Operation(summary = "List the letters of an invoice", description = "Oldest first; empty when there are none.")
    List<LetterSummary> list(@PathVariable String invoiceNumber) {
        return letters.forInvoice(invoiceNumber).stream()
                .map(l -> new LetterSummary(l.id(), l.template(), l.createdAt(), l.size(),
                        "/api/invoices/" + invoiceNumber + "/letters/" + l.id()))
                .toList();
    }

    @GetMapping(path = "/{id}", produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Download a letter as PDF",
            description = "The PDF/A document exactly as stored when the letter was made, for printing and posting.")
    @ApiResponse(responseCode = "200", description = "The letter",
            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No such letter for this invoice",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<byte[]> download(@PathVariable String invoiceNumber, @PathVariable long id) {
        Letter letter = letters.find(invoiceNumber, id)
                .orElseThrow(() -> new NotFoundException("Letter", id + " of invoice " + invoiceNumber));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .contentLength(letter.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(letter.fileName()).build().toString())
                // Letters name debtors and their debts: no shared cache may keep a copy.
                .cacheControl(CacheControl.noStore())
                .body(letter.pdf());
    }
}
