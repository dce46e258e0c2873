package io.overdue.invoices;

import io.overdue.customers.CustomerKind;
import io.overdue.customers.CustomerRequest;
import io.overdue.customers.CustomerService;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
import io.overdue.shared.Violations;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Imports a CSV file of invoices, one per row with its customer's columns. The whole file is one
 * transaction: one bad row refuses the file, and the answer names every row and column at fault.
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
@Service
class InvoiceCsvImport {

    static final List<String> REQUIRED = List.of("invoiceNumber", "customerNumber", "issueDate", "dueDate", "currency", "amount");
    static final List<String> OPTIONAL = List.of("openBalance", "paymentReference", "referenceType", "status",
            "customerName", "organisationNumber", "customerKind", "country", "language", "email", "phone");
    private static final Set<String> CUSTOMER_REQUIRED = Set.of("customerName", "customerKind", "country", "language");

    private final InvoiceIntake intake;
    private final CustomerService customers;
    private final IntakeProperties properties;

    InvoiceCsvImport(InvoiceIntake intake, CustomerService customers, IntakeProperties properties) {
        this.intake = intake;
        this.customers = customers;
        this.properties = properties;
    }

    private record Row(int number, InvoiceRequest invoice, String customerNumber, CustomerRequest customer) {
    }

    List<IntakeResult> importCsv(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        char delimiter = delimiter(text);
        List<Row> rows = new ArrayList<>();
        Map<Integer, Violations> faults = new TreeMap<>();
        try (Reader reader = new StringReader(text);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                     .setIgnoreEmptyLines(true).setTrim(true).setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            Map<String, String> columns = columns(parser.getHeaderNames(), faults);
            if (!faults.isEmpty()) {
                throw new InvalidInputException(flatten(faults));
            }
            int index = 0;
            for (CSVRecord record : parser) {
                index++;
                if (index > properties.maxCsvRows()) {
                    throw new InvalidInputException(List.of(new Violation(index + 1, "", "the file has more than "
                            + properties.maxCsvRows() + " rows; split it into smaller files")));
                }
                int rowNumber = index + 1;
                Violations rowFaults = faults.computeIfAbsent(rowNumber, k -> new Violations());
                if (!record.isConsistent()) {
                    rowFaults.add("", "has " + record.size() + " columns but the header has " + parser.getHeaderNames().size());
                    continue;
                }
                rows.add(row(rowNumber, record, columns, delimiter, rowFaults));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(List.of(Violation.of("file", "is not readable as CSV: " + e.getMessage())));
        }
        if (rows.isEmpty() && faults.values().stream().allMatch(Violations::isEmpty)) {
            throw new InvalidInputException(List.of(Violation.of("file", "has no invoice rows")));
        }
        checkCustomers(rows, faults);
        faults.values().removeIf(Violations::isEmpty);
        if (!faults.isEmpty()) {
            throw new InvalidInputException(flatten(faults));
        }
        Map<String, CustomerRequest> fileCustomers = new LinkedHashMap<>();
        rows.stream().filter(r -> r.customer() != null).forEach(r -> fileCustomers.putIfAbsent(r.customerNumber(), r.customer()));
        List<Integer> rowNumbers = rows.stream().map(Row::number).toList();
        return intake.accept(rows.stream().map(Row::invoice).toList(),
                (i, violation) -> violation.atRow(rowNumbers.get(i)),
                () -> fileCustomers.forEach(customers::save));
    }

    private Row row(int rowNumber, CSVRecord record, Map<String, String> columns, char delimiter, Violations faults) {
        Map<String, String> v = new HashMap<>();
        columns.forEach((name, header) -> {
            String value = record.get(header);
            v.put(name, value == null || value.isBlank() ? null : value);
        });
        InvoiceRequest invoice = new InvoiceRequest(v.get("invoiceNumber"), v.get("customerNumber"), v.get("issueDate"),
                v.get("dueDate"), v.get("currency") == null ? null : v.get("currency").toUpperCase(Locale.ROOT),
                decimal(faults, "amount", v.get("amount"), delimiter), decimal(faults, "openBalance", v.get("openBalance"), delimiter),
                v.get("paymentReference"), v.get("referenceType"), v.get("status"));
        for (Violation violation : intake.validate(invoice)) {
            if (!faults.hasFieldAtFault(violation.field())) {
                faults.add(violation);
            }
        }
        CustomerRequest customer = null;
        if (v.get("customerName") != null) {
            CustomerKind kind = null;
            if (v.get("customerKind") != null) {
                try {
                    kind = CustomerKind.valueOf(v.get("customerKind").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    faults.add("customerKind", "'" + v.get("customerKind") + "' must be BUSINESS or CONSUMER");
                }
            }
            customer = new CustomerRequest(v.get("customerName"), v.get("organisationNumber"), kind, v.get("country"),
                    v.get("language"), v.get("email"), v.get("phone"), null, null, null, null, null);
            for (Violation violation : customers.validate(invoice.customerNumber(), customer)) {
                String field = switch (violation.field()) {
                    case "name" -> "customerName";
                    case "kind" -> "customerKind";
                    default -> violation.field();
                };
                if (!faults.hasFieldAtFault(field)) {
                    faults.add(field, violation.message());
                }
            }
        }
        return new Row(rowNumber, invoice, invoice.customerNumber(), customer);
    }

    /** One customer described twice in a file must be described the same way. */
    private static void checkCustomers(List<Row> rows, Map<Integer, Violations> faults) {
        Map<String, Row> first = new HashMap<>();
        for (Row row : rows) {
            if (row.customer() == null || row.customerNumber() == null) {
                continue;
            }
            Row earlier = first.putIfAbsent(row.customerNumber(), row);
            if (earlier != null && !earlier.customer().equals(row.customer())) {
                faults.computeIfAbsent(row.number(), k -> new Violations()).add("customerNumber",
                        "customer " + row.customerNumber() + " has other details than in row " + earlier.number());
            }
        }
    }

    /** Maps our column names to the file's headers, case-insensitively; unknown columns are refused as likely typos. */
    private static Map<String, String> columns(List<String> headers, Map<Integer, Violations> faults) {
        Map<String, String> known = new HashMap<>();
        for (String name : REQUIRED) {
            known.put(name.toLowerCase(Locale.ROOT), name);
        }
        for (String name : OPTIONAL) {
            known.put(name.toLowerCase(Locale.ROOT), name);
        }
        Map<String, String> columns = new HashMap<>();
        Violations header = faults.computeIfAbsent(1, k -> new Violations());
        for (String h : headers) {
            String name = known.get(h.trim().toLowerCase(Locale.ROOT));
            if (name == null) {
                header.add(h, "unknown column; known columns are " + String.join(", ", REQUIRED) + ", "
                        + String.join(", ", OPTIONAL));
            } else {
                columns.put(name, h);
            }
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                header.add(name, "required column is missing");
            }
        }
        if (columns.containsKey("customerName")) {
            CUSTOMER_REQUIRED.stream().filter(c -> !columns.containsKey(c)).sorted()
                    .forEach(c -> header.add(c, "required column is missing when customerName is given"));
        }
        if (header.isEmpty()) {
            faults.remove(1);
        }
        return columns;
    }

    private static BigDecimal decimal(Violations faults, String field, String value, char delimiter) {
        if (value == null) {
            return null;
        }
        String normalized = value.replace(" ", "").replace("\u00a0", "");
        // Semicolon files come from spreadsheets in locales that write 1 250,50.
        if (delimiter == ';' && normalized.contains(",") && !normalized.contains(".")) {
            normalized = normalized.replace(',', '.');
        }
        try {
            return new BigDecimal(normalized);
        } catch (NumberFormatException e) {
            faults.add(field, "'" + value + "' is not a number");
            return null;
        }
    }

    private static char delimiter(String text) {
        int newline = text.indexOf('\n');
        String header = newline < 0 ? text : text.substring(0, newline);
        return header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
    }

    private static List<Violation> flatten(Map<Integer, Violations> faults) {
        return faults.entrySet().stream()
                .flatMap(e -> e.getValue().list().stream().map(v -> v.atRow(e.getKey())))
                .collect(Collectors.toList());
    }
}
