package io.overdue.communications;

import io.overdue.channels.PdfDocuments;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.shared.CreditorProperties;
import io.overdue.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/customers/{n}/communications}: the customer's communication log as JSON, CSV or PDF, chosen by
 * {@code ?format=} or the {@code Accept} header. CSV and PDF are files to hand to an agency or a court; both carry the
 * full content of every message.
 */
@RestController
@Tag(name = "Customers")
class CommunicationExportController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final List<String> CSV_HEADER = List.of("time", "direction", "invoice_number", "channel", "to_or_from",
            "template", "subject", "status", "provider_id", "delivery", "delivery_error", "delivery_reported_at", "content");

    private final CommunicationHistory history;
    private final CustomerService customers;
    private final PdfDocuments pdfs;
    private final ITemplateEngine templates;
    private final CreditorProperties creditor;
    private final Clock clock;
    private final ZoneId zone;

    CommunicationExportController(CommunicationHistory history, CustomerService customers, PdfDocuments pdfs,
                                  ITemplateEngine templates, CreditorProperties creditor, Clock clock,
                                  @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.history = history;
        this.customers = customers;
        this.pdfs = pdfs;
        this.templates = templates;
        this.creditor = creditor;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/api/customers/{customerNumber}/communications")
    @Operation(summary = "The customer's communication log, in and out",
            description = "Every notice sent about the customer's invoices (channel, recipient, template, subject, "
                    + "status, provider id, content as sent), an SMS's delivery as Twilio reported it, and every SMS "
                    + "the customer's numbers sent us; oldest first. format=json (default), csv or pdf, or the Accept "
                    + "header (text/csv, application/pdf). 404 for an unknown customer, 400 for another format.")
    ResponseEntity<?> communications(@PathVariable String customerNumber,
                                     @RequestParam(required = false) String format,
                                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        List<CommunicationHistory.Entry> entries = history.of(customerNumber);
        return switch (format(format, accept)) {
            case "csv" -> file(csv(entries).getBytes(StandardCharsets.UTF_8), CSV, customerNumber, "csv");
            case "pdf" -> file(pdf(customers.get(customerNumber), entries), MediaType.APPLICATION_PDF, customerNumber, "pdf");
            default -> ResponseEntity.ok(entries);
        };
    }

    private static String format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String wanted = format.strip().toLowerCase(Locale.ROOT);
            if (!List.of("json", "csv", "pdf").contains(wanted)) {
                throw InvalidInputException.of("format", "must be json, csv or pdf, not '" + format + "'");
            }
            return wanted;
        }
        if (accept != null && accept.contains("text/csv")) {
            return "csv";
        }
        if (accept != null && accept.contains(MediaType.APPLICATION_PDF_VALUE)) {
            return "pdf";
        }
        return "json";
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String customerNumber, String extension) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("communications-" + customerNumber + "." + extension).build().toString())
                .body(body);
    }

    /** RFC 4180, a header line, times in UTC (ISO 8601), the content in full (quoted, line breaks kept). */
    static String csv(List<CommunicationHistory.Entry> entries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(CSV_HEADER.toArray(String[]::new)).build())) {
            for (CommunicationHistory.Entry entry : entries) {
                printer.printRecord(entry.at(), entry.direction(), entry.invoiceNumber(), entry.channel(),
                        entry.counterpart(), entry.template(), entry.subject(), entry.status(), entry.providerId(),
                        entry.delivery(), entry.deliveryError(), entry.deliveryReportedAt(), entry.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private byte[] pdf(Customer customer, List<CommunicationHistory.Entry> entries) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        List<Map<String, Object>> rows = entries.stream().map(entry -> {
            Map<String, Object> row = new HashMap<>();
            row.put("time", time.format(entry.at()));
            row.put("direction", entry.direction() == CommunicationHistory.Direction.OUT ? "sent" : "received");
            row.put("invoiceNumber", entry.invoiceNumber() == null ? "" : entry.invoiceNumber());
            row.put("channel", entry.channel());
            row.put("counterpart", entry.counterpart() == null ? "" : entry.counterpart());
            row.put("status", entry.status() + (entry.delivery() == null ? "" : ", " + entry.delivery()
                    + (entry.deliveryError() == null ? "" : " (error " + entry.deliveryError() + ")")));
            row.put("text", (entry.subject() == null ? "" : entry.subject() + "\n\n")
                    + (entry.content() == null ? "" : entry.content()));
            return row;
        }).toList();
        Context context = new Context(Locale.ENGLISH, Map.of("customerNumber", customer.customerNumber(),
                "customerName", customer.name(), "creditorName", creditor.name(), "zone", zone.getId(),
                "producedAt", time.format(Instant.now(clock)), "count", entries.size(), "entries", rows));
        return pdfs.render(templates.process("communications/log", context), "communication log of " + customer.customerNumber());
    }
}
