package io.overdue.disputes;

import io.overdue.invoices.AdjustmentResult;
import io.overdue.invoices.CreditNoteRequest;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Disputes of invoices: stored when a case takes one, decided by a collector, credited when upheld, closed when
 * the case ends undecided. Called from the collection case's steps; {@link #of} is the public history.
 */
@Service
public class Disputes {

    public static final int MAX_REASON = 2000;
    public static final int MAX_NOTES = 4000;

    /** Prefix of the credit note an upheld dispute books; the dispute's id follows, so it is booked once. */
    public static final String CREDIT_NOTE_PREFIX = "DISPUTE-";

    private static final Logger log = LoggerFactory.getLogger(Disputes.class);

    private final DisputeStore store;
    private final InvoiceService invoices;
    private final InvoiceAdjustments adjustments;
    private final Clock clock;

    Disputes(DisputeStore store, InvoiceService invoices, InvoiceAdjustments adjustments, Clock clock) {
        this.store = store;
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /**
     * A dispute to store.
     *
     * @param requestId names the request that raised it, unique; storing the same request again returns the dispute
     *                  stored the first time
     * @param clientId  the caller's own id (the API's {@code disputeId}), or null
     * @param amount    the disputed part, or null for the whole claim
     * @param partial   whether dunning goes on for the rest while it is open
     */
    public record NewDispute(String invoiceNumber, String requestId, String clientId, BigDecimal amount, String reason,
                             Dispute.Source source, boolean partial) {
    }

    /** What a collector decided. */
    public enum Decision {
        UPHOLD, REJECT, MORE_INFORMATION
    }

    /**
     * What crediting an upheld dispute did.
     *
     * @param credited    the amount of the credit note (0 when there was nothing left to credit)
     * @param openBalance the invoice's open balance afterwards
     * @param nothingLeft nothing is owed on the invoice any more (or it was closed already)
     */
    public record Credit(Dispute dispute, BigDecimal credited, BigDecimal openBalance, boolean nothingLeft) {
    }

    @Transactional
    public Dispute record(NewDispute dispute) {
        Optional<Dispute> earlier = store.records().findByRequest(dispute.requestId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Invoice invoice = invoice(dispute.invoiceNumber());
        if (dispute.amount() != null && dispute.amount().signum() <= 0) {
            throw new IllegalArgumentException("a disputed amount must be greater than 0, not " + dispute.amount());
        }
        String reason = dispute.reason() == null || dispute.reason().isBlank() ? "(no reason given)" : cut(dispute.reason().strip(), MAX_REASON);
        long id = store.insert(dispute.requestId(), new Dispute(0, invoice.invoiceNumber(), blankToNull(dispute.clientId()),
                clock.instant(), dispute.amount(), invoice.currency(), reason, dispute.source(), dispute.partial(),
                DisputeStatus.OPEN, null, null, null, null));
        log.info("Dispute {} raised on invoice {} ({}, {}): {}", id, invoice.invoiceNumber(), dispute.source(),
                dispute.amount() == null ? "whole claim" : dispute.amount() + " " + invoice.currency(), reason);
        return store.records().find(id).orElseThrow();
    }

    public Optional<Dispute> find(long id) {
        return store.records().find(id);
    }

    public Optional<Dispute> findByRequest(String requestId) {
        return store.records().findByRequest(requestId);
    }

    public Optional<Dispute> findByClientId(String invoiceNumber, String clientId) {
        return store.records().findByClientId(invoiceNumber, clientId);
    }

    /** The invoice's disputes, oldest first. */
    public List<Dispute> of(String invoiceNumber) {
        return store.records().ofInvoice(invoiceNumber);
    }

    /**
     * What undecided partial disputes of the invoice hold back: notices claim only the rest. A whole dispute pauses
     * dunning altogether, so it holds back nothing here.
     */
    public java.math.BigDecimal openPartiallyDisputed(String invoiceNumber) {
        return of(invoiceNumber).stream()
                .filter(d -> d.partial() && d.amount() != null
                        && (d.status() == DisputeStatus.OPEN || d.status() == DisputeStatus.MORE_INFORMATION))
                .map(Dispute::amount).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    /** Records the collector's decision; upholding does not credit yet ({@link #creditUpheld} does). */
    @Transactional
    public Dispute decide(long id, Decision decision, String notes, String decidedBy) {
        Dispute dispute = dispute(id);
        DisputeStatus status = switch (decision) {
            case UPHOLD -> DisputeStatus.UPHELD;
            case REJECT -> DisputeStatus.REJECTED;
            case MORE_INFORMATION -> DisputeStatus.MORE_INFORMATION;
        };
        store.resolve(id, status, notes == null || notes.isBlank() ? dispute.resolutionNotes() : cut(notes.strip(), MAX_NOTES),
                decidedBy, clock.instant());
        log.info("Dispute {} of invoice {}: {} by {}", id, dispute.invoiceNumber(), status, decidedBy);
        return dispute(id);
    }

    /**
     * Credits an upheld dispute: {@code requested}, else the disputed amount, else the whole open balance, at most the
     * open balance. The credit note's number is derived from the dispute ({@value #CREDIT_NOTE_PREFIX}id) and the
     * credited amount is stored on the dispute, so running this again books nothing. The invoice's case is not moved
     * by message: this runs inside that case, which decides from {@link Credit#nothingLeft()} how to go on.
     */
    @Transactional
    public Credit creditUpheld(long id, BigDecimal requested) {
        Dispute dispute = dispute(id);
        Invoice invoice = invoice(dispute.invoiceNumber());
        if (dispute.creditedAmount() != null) {
            return new Credit(dispute, dispute.creditedAmount(), invoice.openBalance(), nothingLeft(invoice));
        }
        BigDecimal amount = requested != null && requested.signum() > 0 ? requested
                : dispute.amount() != null ? dispute.amount() : invoice.openBalance();
        amount = amount.min(invoice.openBalance()).setScale(decimals(invoice.currency()), RoundingMode.HALF_UP);
        if (invoice.status().isClosed() || amount.signum() <= 0) {
            store.credited(id, BigDecimal.ZERO);
            return new Credit(dispute(id), BigDecimal.ZERO, invoice.openBalance(), nothingLeft(invoice));
        }
        LocalDate issued = LocalDate.ofInstant(dispute.resolvedAt() != null ? dispute.resolvedAt() : clock.instant(), ZoneOffset.UTC);
        AdjustmentResult<?> result = adjustments.creditWithoutCaseEvent(invoice.invoiceNumber(), new CreditNoteRequest(
                CREDIT_NOTE_PREFIX + id, amount, invoice.currency(), issued.toString(),
                cut("Dispute " + id + " upheld: " + dispute.reason(), MAX_REASON)));
        store.credited(id, amount);
        BigDecimal balance = result.invoice().openBalance();
        log.info("Dispute {} of invoice {} upheld: {} {} credited, {} left", id, invoice.invoiceNumber(), amount,
                invoice.currency(), balance);
        return new Credit(dispute(id), amount, balance, balance.signum() == 0);
    }

    /** The case ended: its undecided disputes are closed. Returns how many. */
    @Transactional
    public int closeOpen(String invoiceNumber) {
        return store.closeOpen(invoiceNumber, clock.instant());
    }

    private Dispute dispute(long id) {
        return store.records().find(id).orElseThrow(() -> new NotFoundException("Dispute", String.valueOf(id)));
    }

    private Invoice invoice(String invoiceNumber) {
        return invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
    }

    private static boolean nothingLeft(Invoice invoice) {
        return invoice.status().isClosed() || invoice.openBalance().signum() == 0;
    }

    private static int decimals(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return digits < 0 ? 2 : digits;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
