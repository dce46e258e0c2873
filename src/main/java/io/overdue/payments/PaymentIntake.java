package io.overdue.payments;

import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.CaseUpdateQueue;
import io.overdue.dunning.CaseUpdateWorker;
import io.overdue.invoices.ConflictRetry;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.Payment;
import io.overdue.invoices.PaymentRequest;
import io.overdue.shared.Amounts;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violation;
import io.overdue.shared.Violations;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Takes bank payments, stores each one once and books the matched ones on their invoice. A payment is stored, matched
 * and booked in one transaction, so a stored MATCHED payment always reduced its invoice and moved its case, and a
 * payment is never booked without being stored. Every payment received is kept, matched or not: money is never lost.
 */
@Service
public class PaymentIntake {

    private static final Logger log = LoggerFactory.getLogger(PaymentIntake.class);

    /** Payments of one invoice collide on its version; each round of retries lets at least one of them commit. */
    private static final int ATTEMPTS = 25;
    /** ISO 20022 limits structured references, end-to-end ids and the bank's reference to 35 characters. */
    private static final int MAX_ISO_TEXT = 35;
    static final int MAX_PAGE_SIZE = 200;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BankPaymentStore store;
    private final PaymentMatcher matcher;
    private final InvoiceAdjustments adjustments;
    private final InvoiceService invoices;
    private final ConflictRetry retry;
    private final Clock clock;
    private final CreditBalances credits;
    private final CustomerService customers;
    private final ProcessEngine engine;
    private final PaymentsProperties properties;
    private final MatchPaymentTasks tasks;
    private final CaseUpdateQueue caseUpdates;
    private final CaseUpdateWorker caseWorker;

    PaymentIntake(BankPaymentStore store, PaymentMatcher matcher, InvoiceAdjustments adjustments, InvoiceService invoices,
                  ConflictRetry retry, Clock clock, CreditBalances credits, CustomerService customers, ProcessEngine engine,
                  PaymentsProperties properties, MatchPaymentTasks tasks, CaseUpdateQueue caseUpdates,
                  CaseUpdateWorker caseWorker) {
        this.caseUpdates = caseUpdates;
        this.caseWorker = caseWorker;
        this.engine = engine;
        this.properties = properties;
        this.credits = credits;
        this.customers = customers;
        this.store = store;
        this.matcher = matcher;
        this.adjustments = adjustments;
        this.invoices = invoices;
        this.retry = retry;
        this.clock = clock;
        this.tasks = tasks;
    }

    /** What happened to one payment of a request. */
    public record Received(Outcome result, BankPayment payment) {

        public enum Outcome {
            /** Stored now (and booked, when MATCHED). */
            CREATED,
            /** Stored before; nothing changed. */
            UNCHANGED
        }
    }

    /**
     * Takes many payments, e.g. the entries of a bank file: all are checked first and none is taken unless every one
     * is valid (faults are named by position, {@code [3].amount}); then they are stored and matched in order, a chunk
     * per transaction ({@link #inChunks}), so a later payment for the same invoice sees the balance the earlier one left.
     */
    public List<Received> receive(List<IncomingPayment> payments) {
        return inChunks(checked(payments, (payment, violations) -> payment, true));
    }

    /** Takes one payment; faults are named by field. */
    public Received receive(IncomingPayment payment) {
        return store(checked(java.util.Collections.singletonList(payment), (p, violations) -> p, false).get(0));
    }

    /** Payments as the API posts them: dates are read here, then they are taken like any others. */
    List<Received> receiveRequests(List<BankPaymentRequest> requests, boolean batch) {
        return inChunks(checked(requests, PaymentIntake::read, batch));
    }

    /**
     * Takes the payments in order, {@link PaymentsProperties#chunkSize()} at a time in one transaction and one engine
     * command, so that the engine flushes the cases they move once per chunk and the database commits once. A chunk
     * that meets a concurrent writer (or a payment it must refuse) is rolled back whole and its payments taken again one
     * by one, each in its own transaction with retries: the outcome is the same as one by one, only faster.
     */
    private List<Received> inChunks(List<IncomingPayment> payments) {
        if (payments.size() == 1) {
            return List.of(store(payments.get(0)));
        }
        if (movesCasesInBackground(payments.size())) {
            List<Received> results = sideBySide(payments);
            caseWorker.wake();
            return results;
        }
        return chunks(payments);
    }

    /**
     * A large file on {@link PaymentsProperties#importThreads()} threads, its cases left to the background worker.
     * Payments with the same reference are taken by one thread in the file's order, so the second payment of an
     * invoice sees what the first left; those without a reference share a thread. Two payments that reach one invoice
     * by different rules on two threads collide on its version and are retried like any concurrent writers.
     */
    private List<Received> sideBySide(List<IncomingPayment> payments) {
        int threads = properties.importThreads();
        List<List<Integer>> lanes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            lanes.add(new ArrayList<>());
        }
        for (int i = 0; i < payments.size(); i++) {
            String reference = payments.get(i).structuredReference();
            lanes.get(reference == null ? 0 : Math.floorMod(PaymentMatcher.compact(reference).hashCode(), threads)).add(i);
        }
        Received[] results = new Received[payments.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "payment-import-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = lanes.stream().filter(lane -> !lane.isEmpty()).<Future<?>>map(lane -> pool.submit(() -> {
                List<Received> taken = caseUpdates.queuing(() -> chunks(lane.stream().map(payments::get).toList()));
                for (int i = 0; i < lane.size(); i++) {
                    results[lane.get(i)] = taken.get(i);
                }
            })).toList();
            RuntimeException failure = null;
            for (Future<?> lane : running) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    // The other lanes finish what they took: each of their chunks is committed or rolled back whole.
                    failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the payments were taken", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
        return List.of(results);
    }

    /**
     * Whether a request of this many payments leaves the cases it settles or reduces to the background worker
     * ({@link PaymentsProperties#backgroundCasesAbove()}): its answer comes once every payment is booked.
     */
    public boolean movesCasesInBackground(int payments) {
        return payments > properties.backgroundCasesAbove();
    }

    private List<Received> chunks(List<IncomingPayment> payments) {
        List<Received> results = new ArrayList<>(payments.size());
        int size = properties.chunkSize();
        for (int from = 0; from < payments.size(); from += size) {
            List<IncomingPayment> chunk = payments.subList(from, Math.min(payments.size(), from + size));
            List<Received> taken;
            try {
                taken = commands().execute(context -> {
                    // What is stored or booked under the chunk's ids, in two looks instead of two per payment.
                    List<String> ids = chunk.stream().map(IncomingPayment::paymentId).toList();
                    Map<String, BankPayment> stored = store.findAll(ids);
                    Map<String, Payment> direct = adjustments.bookedPayments(ids);
                    return chunk.stream().map(payment -> storeOnce(payment, Optional.ofNullable(stored.get(payment.paymentId())),
                            Optional.ofNullable(direct.get(payment.paymentId())))).toList();
                });
            } catch (RuntimeException e) {
                log.info("A chunk of {} payments from {} was rolled back ({}); taking them one by one", chunk.size(),
                        chunk.get(0).paymentId(), e.toString());
                taken = chunk.stream().map(this::store).toList();
            }
            results.addAll(taken);
        }
        return results;
    }

    /** The engine's command executor: the engine has no public API to group work in one flush. */
    private CommandExecutor commands() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    }

    /**
     * Reads and checks every item, and throws naming every fault of every item ({@code [i].field} in a batch) before
     * anything is taken.
     */
    private static <T> List<IncomingPayment> checked(List<T> items, BiFunction<T, Violations, IncomingPayment> read,
                                                     boolean batch) {
        Violations violations = new Violations();
        List<IncomingPayment> payments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = batch ? "[" + i + "]" : "";
            if (items.get(i) == null) {
                violations.add(Violation.of("", "the payment is missing").under(at));
                continue;
            }
            Violations own = new Violations();
            IncomingPayment payment = read.apply(items.get(i), own);
            check(payment, own).list().forEach(v -> violations.add(v.under(at)));
            if (payment.paymentId() != null && !ids.add(payment.paymentId())) {
                violations.add(Violation.of("paymentId", "'" + payment.paymentId()
                        + "' appears more than once in this request").under(at));
            }
            payments.add(payment);
        }
        violations.throwIfAny();
        return payments;
    }

    public BankPayment get(String paymentId) {
        return store.find(paymentId).orElseThrow(() -> new NotFoundException("Payment", paymentId));
    }

    /**
     * A page of payments, newest first; {@code status} ({@code matched}, {@code unmatched}, {@code ambiguous}, any
     * case) null for all of them.
     */
    public PaymentPage list(String status, int page, int size) {
        Violations violations = new Violations();
        BankPaymentStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = BankPaymentStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add("status", "must be one of matched, unmatched, ambiguous, credited");
            }
        }
        if (page < 0) {
            violations.add("page", "must not be negative");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        violations.throwIfAny();
        return new PaymentPage(store.page(wanted, page, size), page, size, store.count(wanted));
    }

    public record PaymentPage(List<BankPayment> items, int page, int size, long total) {
    }

    /**
     * A collector's match of an UNMATCHED or AMBIGUOUS payment: booked on the invoice like an automatic match, with
     * the rule COLLECTOR. Refused (400) for an unknown or closed invoice, another currency or more than its open
     * balance; 409 when the payment is matched already.
     */
    public BankPayment matchByHand(String paymentId, String invoiceNumber, String collector) {
        if (invoiceNumber == null || invoiceNumber.isBlank()) {
            throw InvalidInputException.of("invoiceNumber", "must not be blank");
        }
        return retry.inTransaction("bank payment " + paymentId, ATTEMPTS, () -> {
            BankPayment payment = get(paymentId);
            if (payment.status() == BankPaymentStatus.MATCHED) {
                throw new ConflictException("payment " + paymentId + " is already matched to invoice "
                        + payment.matchedInvoiceNumber() + " (" + payment.matchRule() + ")");
            }
            if (invoices.find(invoiceNumber).isEmpty()) {
                throw InvalidInputException.of("invoiceNumber", "invoice " + invoiceNumber + " does not exist");
            }
            adjustments.bookedPayment(paymentId).ifPresent(direct -> {
                throw new ConflictException(bookedDirectly(paymentId, direct.invoiceNumber()));
            });
            Invoice invoice = invoices.find(invoiceNumber).orElseThrow();
            Violations violations = new Violations();
            if (invoice.status().isClosed()) {
                violations.add("invoiceNumber", "invoice " + invoiceNumber + " is already " + invoice.status()
                        + " and its case has ended; nothing more can be paid on it");
            }
            if (!invoice.currency().equals(payment.currency())) {
                violations.add("currency", "the payment is in " + payment.currency() + ", invoice " + invoiceNumber
                        + " in " + invoice.currency() + " (no currency conversion)");
            }
            violations.throwIfAny();
            bookOn(invoice, payment.asIncoming(), MatchRule.COLLECTOR);
            BankPayment matched = payment.matchedTo(invoiceNumber, MatchRule.COLLECTOR, collector, clock.instant());
            store.updateMatch(matched);
            tasks.matched(matched);
            return matched;
        });
    }

    /**
     * A collector's decision to keep an UNMATCHED or AMBIGUOUS payment as a customer's credit balance, e.g. a second
     * payment of an invoice already paid: booked on no invoice, it gets the credit's task to offset or refund it. 400
     * names {@code customerNumber} for an unknown customer; 409 when the payment is matched or credited already.
     */
    public BankPayment creditByHand(String paymentId, String customerNumber, String collector) {
        if (customerNumber == null || customerNumber.isBlank()) {
            throw InvalidInputException.of("customerNumber", "must not be blank");
        }
        return retry.inTransaction("bank payment " + paymentId, ATTEMPTS, () -> {
            BankPayment payment = get(paymentId);
            if (payment.status() == BankPaymentStatus.MATCHED || payment.status() == BankPaymentStatus.CREDITED) {
                throw new ConflictException("payment " + paymentId + " is already " + payment.status()
                        + (payment.matchedInvoiceNumber() == null ? "" : " to invoice " + payment.matchedInvoiceNumber()));
            }
            Customer customer = customers.find(customerNumber.strip())
                    .orElseThrow(() -> InvalidInputException.of("customerNumber", "customer " + customerNumber.strip()
                            + " does not exist"));
            credits.open(customer.id(), paymentId, null, payment.currency(), payment.amount(),
                    "kept as credit by " + collector + (payment.reason() == null ? "" : "; the payment was "
                            + payment.status() + ": " + payment.reason()));
            BankPayment credited = payment.creditedTo(customer.customerNumber(), collector, clock.instant());
            store.updateMatch(credited);
            tasks.matched(credited);
            return credited;
        });
    }

    /**
     * Matches an UNMATCHED payment again, e.g. when the invoice it names has arrived since: booked like any automatic
     * match when the matcher now finds exactly one invoice; left as it is otherwise. Runs in the caller's transaction.
     *
     * @return the payment as it is now
     */
    public BankPayment matchAgain(String paymentId) {
        BankPayment payment = get(paymentId);
        if (payment.status() != BankPaymentStatus.UNMATCHED || adjustments.bookedPayment(paymentId).isPresent()) {
            return payment;
        }
        IncomingPayment incoming = payment.asIncoming();
        PaymentMatcher.Match match = matcher.match(incoming);
        if (match.status() != BankPaymentStatus.MATCHED) {
            return payment;
        }
        book(match.invoice(), incoming, match.rule());
        BankPayment matched = payment.matchedTo(match.invoiceNumber(), match.rule(), null, clock.instant());
        store.updateMatch(matched);
        tasks.matched(matched);
        return matched;
    }

    /** Stores one checked payment, matching and booking it, in a transaction of its own that is retried on conflicts. */
    private Received store(IncomingPayment payment) {
        return retry.inTransaction("bank payment " + payment.paymentId(), ATTEMPTS, () -> storeOnce(payment));
    }

    /** Stores, matches and books one payment in the caller's transaction. */
    private Received storeOnce(IncomingPayment payment) {
        return storeOnce(payment, store.find(payment.paymentId()), adjustments.bookedPayment(payment.paymentId()));
    }

    /**
     * The same, given what was stored under its id and what was booked directly on an invoice under it (read in this
     * transaction).
     */
    private Received storeOnce(IncomingPayment payment, Optional<BankPayment> stored, Optional<Payment> bookedDirectly) {
        if (stored.isPresent()) {
            if (!stored.get().sameAs(payment)) {
                throw new ConflictException("payment " + payment.paymentId() + " was received before with other "
                        + "content (" + Amounts.plain(stored.get().amount(), stored.get().currency())
                        + ", booked on " + stored.get().bookedOn()
                        + "); a payment id names one payment only");
            }
            return new Received(Received.Outcome.UNCHANGED, stored.get());
        }
        PaymentMatcher.Match match = bookedDirectly
                .map(direct -> PaymentMatcher.Match.unmatched(bookedDirectly(payment.paymentId(), direct.invoiceNumber())))
                .orElseGet(() -> matcher.match(payment));
        Instant now = clock.instant();
        if (match.status() == BankPaymentStatus.MATCHED) {
            book(match.invoice(), payment, match.rule());
        }
        BankPayment received = new BankPayment(payment.paymentId(), payment.amount(), payment.currency(),
                payment.bookedOn(), payment.valueDate(), payment.structuredReference(), payment.freeText(),
                payment.debtorName(), payment.endToEndId(), payment.bankReference(), payment.source(),
                match.status(), match.invoiceNumber(), match.rule(), match.candidates(), match.reason(), null, now,
                match.status() == BankPaymentStatus.MATCHED ? now : null, 0);
        store.insert(received);
        tasks.stored(received);
        return new Received(Received.Outcome.CREATED, received);
    }

    private void book(Invoice invoice, IncomingPayment payment, MatchRule rule) {
        String invoiceNumber = invoice.invoiceNumber();
        try {
            bookOn(invoice, payment, rule);
        } catch (InvalidInputException | ConflictException e) {
            // The matcher found the invoice open and the id unused; a refusal means a concurrent writer changed that
            // since (paid it, took the id). The retry matches afresh against it.
            throw new ConcurrencyFailureException("invoice " + invoiceNumber + " changed while payment "
                    + payment.paymentId() + " was matched to it: " + e.getMessage(), e);
        }
    }

    /**
     * Books the payment on the open invoice, costs first; what is more than the invoice owes becomes the customer's
     * credit balance with a collector's task to offset or refund it, in the same transaction.
     */
    private void bookOn(Invoice invoice, IncomingPayment payment, MatchRule rule) {
        String invoiceNumber = invoice.invoiceNumber();
        Payment booked = adjustments.payAllowingCredit(invoice, paymentRequest(payment.paymentId(),
                payment.amount(), payment.currency(), payment.bookedOn(), payment.debtorName(),
                payment.structuredReference())).booked();
        BigDecimal credit = booked.allocation().credit();
        if (credit.signum() > 0) {
            credits.open(invoice.customerId(), payment.paymentId(), invoiceNumber, payment.currency(), credit,
                    "over-payment: invoice " + invoiceNumber + " owed " + Amounts.plain(booked.allocation().applied(),
                            payment.currency()) + ", the payment was " + Amounts.plain(payment.amount(), payment.currency())
                            + " (matched by " + rule + ")");
        }
    }

    private static PaymentRequest paymentRequest(String paymentId, BigDecimal amount, String currency, LocalDate bookedOn,
                                                 String payer, String reference) {
        return new PaymentRequest(paymentId, amount, currency, bookedOn.toString(), payer, reference);
    }

    private static String bookedDirectly(String paymentId, String invoiceNumber) {
        return "payment id " + paymentId + " was already booked directly on invoice " + invoiceNumber
                + " (POST /api/invoices/" + invoiceNumber + "/payments); booking it again would count it twice";
    }

    /** Every fault of one payment, with field names as the API's ({@code reference}, {@code text}, {@code payer}). */
    private static Violations check(IncomingPayment payment, Violations violations) {
        required(violations, "paymentId", payment.paymentId(), 100);
        if (payment.currency() == null || payment.currency().isBlank()) {
            violations.add("currency", "must not be blank");
        }
        if (payment.amount() == null) {
            violations.add("amount", "must not be null");
        }
        InvoiceAdjustments.checkAmount(violations, payment.amount(), payment.currency());
        if (payment.bookedOn() == null && !violations.hasFieldAtFault("bookedOn")) {
            violations.add("bookedOn", "must not be blank");
        }
        longest(violations, "reference", payment.structuredReference(), MAX_ISO_TEXT);
        longest(violations, "text", payment.freeText(), 2000);
        longest(violations, "payer", payment.debtorName(), 200);
        longest(violations, "endToEndId", payment.endToEndId(), MAX_ISO_TEXT);
        longest(violations, "bankReference", payment.bankReference(), MAX_ISO_TEXT);
        return violations;
    }

    private static void required(Violations violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(field, "must not be blank");
        } else {
            longest(violations, field, value, max);
        }
    }

    private static void longest(Violations violations, String field, String value, int max) {
        if (value != null && value.length() > max) {
            violations.add(field, "must be at most " + max + " characters");
        }
    }

    /** The request's values, trimmed, blanks as absent; a date that cannot be read is a fault and absent. */
    private static IncomingPayment read(BankPaymentRequest request, Violations violations) {
        return new IncomingPayment(request.paymentId(), request.amount(), request.currency(),
                date(violations, "bookedOn", request.bookedOn()), date(violations, "valueDate", request.valueDate()),
                blankToNull(request.reference()), blankToNull(request.text()), blankToNull(request.payer()),
                blankToNull(request.endToEndId()), blankToNull(request.bankReference()), PaymentSource.API);
    }

    /** An optional ISO date; one that cannot be read is a fault naming {@code field}, and absent. */
    static LocalDate date(Violations violations, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(field, "'" + value + "' is not a valid date (ISO 8601, e.g. 2026-11-20)");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
