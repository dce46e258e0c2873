package io.overdue.dunning;

import io.overdue.disputes.Dispute;
import io.overdue.disputes.Disputes;
import io.overdue.dunning.CaseClaimRequests.DisputeRequest;
import io.overdue.dunning.CaseClaimRequests.PromiseRequest;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.ConflictRetry;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.promises.Promise;
import io.overdue.promises.PromiseProperties;
import io.overdue.promises.Promises;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Disputes and promises through the API: checks the request (naming every fault), then hands it to the invoice's
 * case by message, in one transaction with the step that stores it, so that a refused or failed request leaves
 * nothing behind. Whether the case takes it now is the model's to say: a message nothing waits for is refused (409)
 * with what the case is doing instead.
 */
@Service
class CaseClaims {

    static final int MAX_REASON = Disputes.MAX_REASON;
    static final int MAX_NOTE = Promises.MAX_NOTE;
    static final int MAX_CLIENT_ID = 100;

    /**
     * Concurrent requests on one case collide on the engine's optimistic lock or our unique keys; each retries in a
     * new transaction, which sees what the other committed (a repeated client id then answers the stored record).
     */
    private static final int ATTEMPTS = 5;

    private final CaseMessages caseMessages;
    private final InvoiceService invoices;
    private final Disputes disputes;
    private final Promises promises;
    private final PromiseProperties promiseProperties;
    private final DunningProperties dunning;
    private final ConflictRetry retry;
    private final Clock clock;

    CaseClaims(CaseMessages caseMessages, InvoiceService invoices, Disputes disputes, Promises promises,
               PromiseProperties promiseProperties, DunningProperties dunning, ConflictRetry retry, Clock clock) {
        this.caseMessages = caseMessages;
        this.invoices = invoices;
        this.disputes = disputes;
        this.promises = promises;
        this.promiseProperties = promiseProperties;
        this.dunning = dunning;
        this.retry = retry;
        this.clock = clock;
    }

    /** A stored record and whether this request stored it (false: a repeat of an earlier request). */
    record Taken<T>(T record, boolean created) {
    }

    Taken<Dispute> raiseDispute(String invoiceNumber, DisputeRequest request) {
        return raiseDispute(invoiceNumber, request, false);
    }

    /** @param fromCall a collector records what the customer said (the dispute's source is CALL, not API) */
    Taken<Dispute> raiseDispute(String invoiceNumber, DisputeRequest request, boolean fromCall) {
        if (request == null) {
            throw InvalidInputException.of("", "the dispute is missing");
        }
        return retry.inTransaction("dispute on invoice " + invoiceNumber, ATTEMPTS, () -> {
            Invoice invoice = invoice(invoiceNumber);
            Violations violations = new Violations();
            if (request.reason() == null || request.reason().isBlank()) {
                violations.add("reason", "must not be blank: say what the customer disputes");
            } else if (request.reason().strip().length() > MAX_REASON) {
                violations.add("reason", "must be at most " + MAX_REASON + " characters");
            }
            checkAmount(violations, request.amount(), invoice);
            checkClientId(violations, "disputeId", request.disputeId());
            if (!violations.isEmpty()) {
                checkAgainstBalance(violations, request.amount(), invoice, "disputed");
                violations.throwIfAny();
            }

            String clientId = blankToNull(request.disputeId());
            if (clientId != null) {
                var earlier = disputes.findByClientId(invoiceNumber, clientId);
                if (earlier.isPresent()) {
                    Dispute stored = earlier.get();
                    if (!stored.reason().equals(request.reason().strip()) || !sameAmount(stored.amount(), request.amount())) {
                        throw new ConflictException("disputeId " + clientId + " was used before for another dispute of "
                                + "invoice " + invoiceNumber + " (" + describe(stored.amount(), stored.currency()) + ", '"
                                + stored.reason() + "'); use a new disputeId for a new dispute");
                    }
                    return new Taken<>(stored, false);
                }
            }
            // Checks against the invoice as it is now come after the repeat's lookup: a repeat answers what was stored.
            Violations now = new Violations();
            checkAgainstBalance(now, request.amount(), invoice, "disputed");
            now.throwIfAny();
            caseMessages.refuseClosed(invoice, "a dispute");
            boolean whole = request.amount() == null || request.amount().compareTo(invoice.openBalance()) >= 0;
            String requestId = "api:" + UUID.randomUUID();
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(Variables.DISPUTE_REASON, request.reason().strip());
            variables.put(Variables.DISPUTED_AMOUNT, plain(request.amount()));
            variables.put(ClaimVariables.DISPUTE_REQUEST_ID, requestId);
            variables.put(ClaimVariables.DISPUTE_CLIENT_ID, clientId);
            variables.put(ClaimVariables.CLAIM_SOURCE, fromCall ? ClaimVariables.FROM_CALL : null);
            caseMessages.correlate(invoice.invoiceNumber(), whole ? Messages.DISPUTE_RAISED : Messages.PARTIAL_DISPUTE_RAISED,
                    whole ? "a dispute of the whole claim" : "a dispute of part of the claim", variables);
            return new Taken<>(disputes.findByRequest(requestId).orElseThrow(() -> new IllegalStateException(
                    "the case of invoice " + invoiceNumber + " took the dispute but did not record it; "
                            + "its model must run " + CollectionCaseProcess.Delegates.RECORD_DISPUTE + " at once")), true);
        });
    }

    Taken<Promise> makePromise(String invoiceNumber, PromiseRequest request) {
        return makePromise(invoiceNumber, request, false);
    }

    /** @param fromCall a collector records what the customer said (the promise's source is CALL, not API) */
    Taken<Promise> makePromise(String invoiceNumber, PromiseRequest request, boolean fromCall) {
        if (request == null) {
            throw InvalidInputException.of("", "the promise is missing");
        }
        return retry.inTransaction("promise on invoice " + invoiceNumber, ATTEMPTS, () -> {
            Invoice invoice = invoice(invoiceNumber);
            Violations violations = new Violations();
            LocalDate promisedDate = promisedDate(violations, request.promisedDate());
            checkAmount(violations, request.amount(), invoice);
            if (request.note() != null && request.note().strip().length() > MAX_NOTE) {
                violations.add("note", "must be at most " + MAX_NOTE + " characters");
            }
            checkClientId(violations, "promiseId", request.promiseId());
            if (!violations.isEmpty()) {
                checkPromisedDate(violations, promisedDate);
                checkAgainstBalance(violations, request.amount(), invoice, "promised");
                violations.throwIfAny();
            }

            String note = blankToNull(request.note() == null ? null : request.note().strip());
            String clientId = blankToNull(request.promiseId());
            if (clientId != null) {
                var earlier = promises.findByClientId(invoiceNumber, clientId);
                if (earlier.isPresent()) {
                    Promise stored = earlier.get();
                    if (!stored.promisedDate().equals(promisedDate) || !sameAmount(stored.amount(), request.amount())
                            || !Objects.equals(stored.note(), note)) {
                        throw new ConflictException("promiseId " + clientId + " was used before for another promise on "
                                + "invoice " + invoiceNumber + " (" + describe(stored.amount(), stored.currency()) + " by "
                                + stored.promisedDate() + "); use a new promiseId for a new promise");
                    }
                    return new Taken<>(stored, false);
                }
            }
            Violations now = new Violations();
            checkPromisedDate(now, promisedDate);
            checkAgainstBalance(now, request.amount(), invoice, "promised");
            now.throwIfAny();
            caseMessages.refuseClosed(invoice, "a promise to pay");
            String requestId = "api:" + UUID.randomUUID();
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(Variables.PROMISED_PAYMENT_DATE, promisedDate.toString());
            variables.put(Variables.PROMISED_AMOUNT, plain(request.amount()));
            variables.put(Variables.PROMISE_NOTE, note);
            variables.put(ClaimVariables.PROMISE_REQUEST_ID, requestId);
            variables.put(ClaimVariables.PROMISE_CLIENT_ID, clientId);
            variables.put(ClaimVariables.CLAIM_SOURCE, fromCall ? ClaimVariables.FROM_CALL : null);
            caseMessages.correlate(invoice.invoiceNumber(), Messages.PROMISE_TO_PAY, "a promise to pay", variables);
            return new Taken<>(promises.findByRequest(requestId).orElseThrow(() -> new IllegalStateException(
                    "the case of invoice " + invoiceNumber + " took the promise but did not record it; "
                            + "its model must run " + CollectionCaseProcess.Delegates.RECORD_PROMISE + " at once")), true);
        });
    }

    List<Dispute> disputes(String invoiceNumber) {
        invoice(invoiceNumber);
        return disputes.of(invoiceNumber);
    }

    List<Promise> promises(String invoiceNumber) {
        invoice(invoiceNumber);
        return promises.of(invoiceNumber);
    }

    // ---------------------------------------------------------------- checks

    private Invoice invoice(String invoiceNumber) {
        return invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
    }

    /** Checks of the amount itself; {@link #checkAgainstBalance} compares it with the invoice as it is now. */
    private static void checkAmount(Violations violations, BigDecimal amount, Invoice invoice) {
        if (amount == null) {
            return;
        }
        if (amount.signum() <= 0) {
            violations.add("amount", "must be greater than 0");
            return;
        }
        int decimals = IsoCodes.isCurrency(invoice.currency()) ? Currency.getInstance(invoice.currency()).getDefaultFractionDigits() : 2;
        if (amount.stripTrailingZeros().scale() > Math.max(decimals, 0)) {
            violations.add("amount", "has more decimals than " + invoice.currency() + " allows (" + decimals + ")");
        }
    }

    private static void checkAgainstBalance(Violations violations, BigDecimal amount, Invoice invoice, String verb) {
        if (amount != null && !invoice.status().isClosed() && amount.compareTo(invoice.openBalance()) > 0) {
            violations.add("amount", "exceeds the open balance " + invoice.openBalance().stripTrailingZeros().toPlainString()
                    + " " + invoice.currency() + "; at most the open balance can be " + verb);
        }
    }

    private static void checkClientId(Violations violations, String field, String value) {
        if (value != null && value.length() > MAX_CLIENT_ID) {
            violations.add(field, "must be at most " + MAX_CLIENT_ID + " characters");
        }
    }

    private LocalDate promisedDate(Violations violations, String value) {
        if (value == null || value.isBlank()) {
            violations.add("promisedDate", "must not be blank: the date the customer promised to pay by (ISO 8601, e.g. 2026-12-01)");
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add("promisedDate", "'" + value + "' is not a valid date (ISO 8601, e.g. 2026-12-01)");
            return null;
        }
    }

    private void checkPromisedDate(Violations violations, LocalDate date) {
        if (date == null) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(dunning.zone()));
        LocalDate latest = today.plus(promiseProperties.horizon());
        if (date.isBefore(today)) {
            violations.add("promisedDate", "must be today (" + today + ") or later");
        } else if (date.isAfter(latest)) {
            violations.add("promisedDate", "must be at most " + promiseProperties.horizon() + " ahead (" + latest
                    + " at the latest); a longer wait needs a payment plan");
        }
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    private static String describe(BigDecimal amount, String currency) {
        return amount == null ? "the whole claim" : amount.stripTrailingZeros().toPlainString() + " " + currency;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
