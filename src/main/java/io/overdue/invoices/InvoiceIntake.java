package io.overdue.invoices;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.PaymentReferences;
import io.overdue.shared.ReferenceType;
import io.overdue.shared.Violation;
import io.overdue.shared.Violations;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Takes invoices from the ERP: validates a whole request, then writes it and starts or updates the cases in
 * one transaction. Either every invoice of a request is taken, or none is.
 */
@Service
public class InvoiceIntake {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    private static final int ATTEMPTS = 5;

    private final CustomerService customers;
    private final InvoiceStore store;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final ConflictRetry retry;
    private final Clock clock;

    InvoiceIntake(CustomerService customers, InvoiceStore store, Validator validator, ApplicationEventPublisher events,
                  ConflictRetry retry, Clock clock) {
        this.customers = customers;
        this.store = store;
        this.validator = validator;
        this.events = events;
        this.retry = retry;
        this.clock = clock;
    }

    /** Where a fault of the i-th invoice is reported: a JSON path, or a CSV row. */
    public interface Locator extends BiFunction<Integer, Violation, Violation> {
        Locator SINGLE = (index, violation) -> violation;
        Locator BATCH = (index, violation) -> violation.under("[" + index + "]");
    }

    public List<IntakeResult> accept(List<InvoiceRequest> requests, Locator locator) {
        return accept(requests, locator, () -> { });
    }

    /**
     * @param beforeInvoices work that must commit in the same transaction before the invoices are written
     *                       (the customers of a CSV file); it is repeated when the transaction is retried
     */
    public List<IntakeResult> accept(List<InvoiceRequest> requests, Locator locator, Runnable beforeInvoices) {
        // Another request may write one of these invoices (or their case) at the same moment. The retry sees
        // its result, so the same invoice sent twice still makes only one case.
        return retry.inTransaction("the same invoices", ATTEMPTS, () -> {
            beforeInvoices.run();
            return write(requests, locator);
        });
    }

    /** Every fault of one invoice on its own, before customers and stored invoices are looked at. */
    public List<Violation> validate(InvoiceRequest request) {
        Violations violations = new Violations();
        violations.addBeanViolations(validator, request);
        LocalDate issue = date(violations, "issueDate", request.issueDate());
        LocalDate due = date(violations, "dueDate", request.dueDate());
        if (issue != null && due != null && due.isBefore(issue)) {
            violations.add("dueDate", "must not be before the issue date " + issue);
        }
        boolean currencyValid = request.currency() != null && IsoCodes.isCurrency(request.currency());
        if (request.currency() != null && !request.currency().isBlank() && !currencyValid) {
            violations.add("currency", "'" + request.currency() + "' is not an ISO 4217 currency code");
        }
        amount(violations, "amount", request.amount(), currencyValid ? request.currency() : null, false);
        amount(violations, "openBalance", request.openBalance(), currencyValid ? request.currency() : null, true);
        if (request.amount() != null && request.openBalance() != null && request.openBalance().compareTo(request.amount()) > 0) {
            violations.add("openBalance", "must not exceed the amount " + request.amount().toPlainString());
        }
        if (request.referenceType() != null && parseReferenceType(request.referenceType()) == null) {
            violations.add("referenceType", "must be one of KID, OCR, RF");
        }
        if (request.status() != null && !List.of("OPEN", "CANCELLED").contains(request.status().toUpperCase(Locale.ROOT))) {
            violations.add("status", "must be OPEN or CANCELLED (PAID follows from an open balance of 0)");
        }
        return violations.list();
    }

    private List<IntakeResult> write(List<InvoiceRequest> requests, Locator locator) {
        // Keyed by position so that the answer lists the faults in the order of the request.
        Map<Integer, List<Violation>> faults = new java.util.TreeMap<>();
        BiFunction<Integer, Violation, Boolean> violations = (index, violation) ->
                faults.computeIfAbsent(index, k -> new ArrayList<>()).add(locator.apply(index, violation));
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            InvoiceRequest request = requests.get(i);
            if (request == null) {
                violations.apply(i, Violation.of("", "invoice is missing"));
                continue;
            }
            for (Violation v : validate(request)) {
                violations.apply(i, v);
            }
            if (request.invoiceNumber() != null) {
                Integer earlier = firstIndex.putIfAbsent(request.invoiceNumber(), i);
                if (earlier != null) {
                    violations.apply(i, Violation.of("invoiceNumber",
                            "'" + request.invoiceNumber() + "' appears more than once in this request"));
                }
            }
        }
        Map<String, CustomerRef> customerRefs = customers.refs(requests.stream()
                .filter(r -> r != null && r.customerNumber() != null).map(InvoiceRequest::customerNumber).toList());
        Map<String, Invoice> existing = store.findByNumbers(requests.stream()
                .filter(r -> r != null && r.invoiceNumber() != null).map(InvoiceRequest::invoiceNumber).toList());

        Instant now = clock.instant();
        List<Invoice> inserts = new ArrayList<>();
        List<Invoice> updates = new ArrayList<>();
        List<InvoicesAccepted.Change> changes = new ArrayList<>();
        List<IntakeResult> results = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            InvoiceRequest request = requests.get(i);
            if (request == null) {
                continue;
            }
            CustomerRef customer = customerRefs.get(request.customerNumber());
            if (customer == null) {
                if (request.customerNumber() != null && !request.customerNumber().isBlank()) {
                    violations.apply(i, Violation.of("customerNumber", "unknown customer '"
                            + request.customerNumber() + "'; create it with PUT /api/customers/{customerNumber} first"));
                }
                continue;
            }
            Invoice before = existing.get(request.invoiceNumber());
            int index = i;
            List<Violation> own = new ArrayList<>();
            Invoice after = toInvoice(request, customer, before, now, own);
            own.forEach(v -> violations.apply(index, v));
            if (!own.isEmpty() || after == null) {
                continue;
            }
            IntakeResult.Outcome outcome;
            if (before == null) {
                inserts.add(after);
                outcome = IntakeResult.Outcome.CREATED;
                if (after.status() == InvoiceStatus.OPEN) {
                    changes.add(change(InvoicesAccepted.Kind.NEW, after, customer));
                }
            } else if (sameData(before, after)) {
                outcome = IntakeResult.Outcome.UNCHANGED;
            } else {
                updates.add(after);
                outcome = IntakeResult.Outcome.UPDATED;
                changes.add(change(after.status().isClosed() ? InvoicesAccepted.Kind.SETTLED : InvoicesAccepted.Kind.AMENDED,
                        after, customer));
            }
            results.add(new IntakeResult(after.invoiceNumber(), outcome, after.status(), after.paymentReference()));
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException(faults.values().stream().flatMap(List::stream).toList());
        }
        store.insert(inserts);
        store.update(updates);
        if (!changes.isEmpty()) {
            events.publishEvent(new InvoicesAccepted(changes));
        }
        return results;
    }

    private Invoice toInvoice(InvoiceRequest request, CustomerRef customer, Invoice before, Instant now,
                              List<Violation> violations) {
        if (before != null && !before.customerId().equals(customer.id())) {
            violations.add(Violation.of("customerNumber", "invoice " + request.invoiceNumber()
                    + " belongs to another customer; an invoice cannot move between customers"));
        }
        if (before != null && !before.currency().equals(request.currency())) {
            violations.add(Violation.of("currency", "was " + before.currency()
                    + "; the currency of an invoice cannot change (credit it and issue a new one)"));
        }
        BigDecimal balance = request.openBalance() != null ? request.openBalance() : request.amount();
        InvoiceStatus status = "CANCELLED".equalsIgnoreCase(request.status()) ? InvoiceStatus.CANCELLED
                : balance.signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
        if (before != null && before.status().isClosed() && status == InvoiceStatus.OPEN) {
            violations.add(Violation.of("openBalance", "invoice " + request.invoiceNumber() + " is already "
                    + before.status() + " and its case has ended; a closed invoice cannot be reopened"));
        }
        ReferenceType type = request.referenceType() != null ? parseReferenceType(request.referenceType())
                : before != null && request.paymentReference() == null ? before.referenceType()
                : ReferenceType.forCountry(customer.country());
        String reference = request.paymentReference() != null && !request.paymentReference().isBlank()
                ? request.paymentReference().replace(" ", "").toUpperCase(Locale.ROOT)
                : before != null ? before.paymentReference() : null;
        if (reference != null && request.paymentReference() != null) {
            PaymentReferences.problem(type, reference).ifPresent(problem ->
                    violations.add(Violation.of("paymentReference", "'" + request.paymentReference() + "' is not a valid "
                            + type + ": " + problem)));
        }
        if (!violations.isEmpty()) {
            return null;
        }
        if (reference == null) {
            reference = store.generateReference(type, request.invoiceNumber());
        }
        return new Invoice(before == null ? null : before.id(), request.invoiceNumber(), customer.id(),
                LocalDate.parse(request.issueDate()), LocalDate.parse(request.dueDate()), request.currency(),
                request.amount(), balance, reference, type, status, before == null ? null : before.version(),
                before == null ? now : before.createdAt(), now);
    }

    private static boolean sameData(Invoice a, Invoice b) {
        return a.issueDate().equals(b.issueDate()) && a.dueDate().equals(b.dueDate())
                && a.amount().compareTo(b.amount()) == 0 && a.openBalance().compareTo(b.openBalance()) == 0
                && a.paymentReference().equals(b.paymentReference()) && a.referenceType() == b.referenceType()
                && a.status() == b.status();
    }

    private static InvoicesAccepted.Change change(InvoicesAccepted.Kind kind, Invoice invoice, CustomerRef customer) {
        return new InvoicesAccepted.Change(kind, invoice.invoiceNumber(), customer.customerNumber(), customer.name(),
                customer.country(), invoice.dueDate(), invoice.currency(), invoice.openBalance(), invoice.status());
    }

    private static ReferenceType parseReferenceType(String value) {
        try {
            return ReferenceType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static LocalDate date(Violations violations, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                violations.add(field, "'" + value + "' is outside " + EARLIEST.getYear() + "–" + LATEST.getYear());
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            violations.add(field, "'" + value + "' is not a valid date (ISO 8601, e.g. 2026-11-15)");
            return null;
        }
    }

    static void amount(Violations violations, String field, BigDecimal value, String currency, boolean zeroAllowed) {
        if (value == null) {
            return;
        }
        if (zeroAllowed ? value.signum() < 0 : value.signum() <= 0) {
            violations.add(field, zeroAllowed ? "must not be negative" : "must be greater than 0");
        } else if (value.compareTo(MAX_AMOUNT) >= 0) {
            violations.add(field, "must be less than " + MAX_AMOUNT.toPlainString());
        }
        if (currency != null && value.stripTrailingZeros().scale() > IsoCodes.fractionDigits(currency)) {
            violations.add(field, "has more decimals than " + currency + " allows (" + IsoCodes.fractionDigits(currency) + ")");
        }
    }
}
