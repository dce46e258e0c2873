package io.overdue.promises;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoiceStatus;
import io.overdue.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Promises to pay: stored when a case takes one, checked at the promised date plus grace, settled when the case
 * ends first. Called from the collection case's steps; {@link #of} is the public history.
 */
@Service
public class Promises {

    public static final int MAX_NOTE = 2000;

    private static final Logger log = LoggerFactory.getLogger(Promises.class);

    private final PromiseStore store;
    private final InvoiceService invoices;
    private final InvoiceAdjustments adjustments;
    private final Clock clock;

    Promises(PromiseStore store, InvoiceService invoices, InvoiceAdjustments adjustments, Clock clock) {
        this.store = store;
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /**
     * A promise to store.
     *
     * @param requestId names the request that made it, unique; storing the same request again returns the promise
     *                  stored the first time
     * @param clientId  the caller's own id (the API's {@code promiseId}), or null
     * @param amount    the promised amount, or null for the whole open balance
     */
    public record NewPromise(String invoiceNumber, String requestId, String clientId, LocalDate promisedDate,
                             BigDecimal amount, String note, Promise.Source source) {
    }

    @Transactional
    public Promise record(NewPromise promise) {
        Optional<Promise> earlier = store.records().findByRequest(promise.requestId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Invoice invoice = invoice(promise.invoiceNumber());
        if (promise.promisedDate() == null) {
            throw new IllegalArgumentException("a promise needs the date the customer promised to pay by");
        }
        if (promise.amount() != null && promise.amount().signum() <= 0) {
            throw new IllegalArgumentException("a promised amount must be greater than 0, not " + promise.amount());
        }
        String note = promise.note() == null || promise.note().isBlank() ? null : promise.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE);
        }
        long id = store.insert(promise.requestId(), new Promise(0, invoice.invoiceNumber(),
                promise.clientId() == null || promise.clientId().isBlank() ? null : promise.clientId(), clock.instant(),
                promise.promisedDate(), promise.amount(), invoice.currency(), invoice.openBalance(), note, promise.source(),
                PromiseStatus.PENDING, null, null));
        log.info("Promise {} on invoice {} ({}): {} by {}", id, invoice.invoiceNumber(), promise.source(),
                promise.amount() == null ? "the whole balance" : promise.amount() + " " + invoice.currency(),
                promise.promisedDate());
        return store.records().find(id).orElseThrow();
    }

    public Optional<Promise> find(long id) {
        return store.records().find(id);
    }

    public Optional<Promise> findByRequest(String requestId) {
        return store.records().findByRequest(requestId);
    }

    public Optional<Promise> findByClientId(String invoiceNumber, String clientId) {
        return store.records().findByClientId(invoiceNumber, clientId);
    }

    /** The invoice's promises, oldest first. */
    public List<Promise> of(String invoiceNumber) {
        return store.records().ofInvoice(invoiceNumber);
    }

    /**
     * Decides whether a pending promise was kept: the invoice is paid or cancelled, or what came in since the promise
     * was made reaches the promised amount (the whole balance then, when no amount was promised). What came in is the
     * larger of the payments booked since ({@code POST .../payments}) and the drop of the open balance (the ERP may
     * report payments as a lower balance instead). A promise checked before keeps its verdict.
     */
    @Transactional
    public Promise check(long id) {
        Promise promise = store.records().find(id).orElseThrow(() -> new NotFoundException("Promise", String.valueOf(id)));
        if (promise.status() != PromiseStatus.PENDING) {
            return promise;
        }
        Invoice invoice = invoice(promise.invoiceNumber());
        BigDecimal paid = adjustments.paidSince(invoice.invoiceNumber(), promise.madeAt());
        BigDecimal dropped = promise.balanceAtPromise().subtract(invoice.openBalance()).max(BigDecimal.ZERO);
        BigDecimal received = paid.max(dropped);
        boolean settled = invoice.status() == InvoiceStatus.PAID || invoice.status() == InvoiceStatus.CANCELLED;
        PromiseStatus status = settled || received.compareTo(promise.due()) >= 0 ? PromiseStatus.KEPT : PromiseStatus.BROKEN;
        store.checked(id, status, received, clock.instant());
        log.info("Promise {} on invoice {} {}: {} of {} {} came in", id, invoice.invoiceNumber(), status, received,
                promise.due(), invoice.currency());
        return store.records().find(id).orElseThrow();
    }

    /**
     * The case ended before its pending promises came due: paid, they were kept; otherwise (cancelled, credited,
     * written off) they are void. Returns how many were marked.
     */
    @Transactional
    public int closePending(String invoiceNumber, boolean paid) {
        return store.closePending(invoiceNumber, paid ? PromiseStatus.KEPT : PromiseStatus.VOID, clock.instant());
    }

    private Invoice invoice(String invoiceNumber) {
        return invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
    }
}
