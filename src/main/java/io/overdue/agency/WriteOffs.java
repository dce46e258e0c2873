package io.overdue.agency;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Bad debt given up, with who decided it and why. A write-off also closes the invoice ({@code WRITTEN_OFF}) in the
 * same transaction; one made through the API ends the collection case as a settlement does, the case's own
 * write-off step ends the case by itself (docs/agency.md).
 */
@Service
public class WriteOffs {

    static final int MAX_REASON = 2000;

    private static final Logger log = LoggerFactory.getLogger(WriteOffs.class);

    private final AgencyCases store;
    private final InvoiceService invoices;
    private final InvoiceAdjustments adjustments;
    private final Clock clock;

    WriteOffs(AgencyCases store, InvoiceService invoices, InvoiceAdjustments adjustments, Clock clock) {
        this.store = store;
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /**
     * Writes off the invoice's open balance. The caller has checked that {@code user} may (a manager).
     *
     * @throws NotFoundException     when there is no such invoice
     * @throws InvalidInputException when the reason is missing or too long
     * @throws RefusedException      when the invoice is paid or cancelled, or was written off before
     */
    @Transactional
    public WriteOff writeOff(String invoiceNumber, String reason, String user) {
        WriteOff writeOff = record(invoiceNumber, reason, user);
        adjustments.markWrittenOff(invoiceNumber);
        return writeOff;
    }

    /**
     * The collection case's own write-off step, after a manager decided it on escalation: records the write-off and
     * closes the invoice without the settlement event, since the case ends by itself (a settlement message from
     * inside the step would interrupt it). Running it again (a retried job) finds the record and changes nothing. An
     * invoice paid or cancelled in the meantime is not written off (empty answer).
     *
     * @param reason the manager's reason; blank: a reason saying it was decided on escalation
     * @param user   who decided; blank: unknown
     */
    @Transactional
    public Optional<WriteOff> writeOffWithinCase(String invoiceNumber, String reason, String user) {
        Optional<WriteOff> earlier = store.writeOff(invoiceNumber);
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        if (earlier.isEmpty() && invoice.status().isClosed()) {
            log.info("Invoice {} is {}: not written off", invoiceNumber, invoice.status());
            return Optional.empty();
        }
        WriteOff writeOff = earlier.orElseGet(() -> record(invoiceNumber,
                reason == null || reason.isBlank() ? "Written off on escalation" : cut(reason.strip()),
                user == null || user.isBlank() ? "unknown" : user));
        adjustments.markWrittenOffWithoutCaseEvent(invoiceNumber);
        return Optional.of(writeOff);
    }

    private WriteOff record(String invoiceNumber, String reason, String user) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw InvalidInputException.of("reason", "must not be blank: say why the debt is written off");
        }
        if (why.length() > MAX_REASON) {
            throw InvalidInputException.of("reason", "must be at most " + MAX_REASON + " characters");
        }
        Optional<WriteOff> earlier = store.writeOff(invoiceNumber);
        if (earlier.isPresent()) {
            throw alreadyWrittenOff(earlier.get());
        }
        if (invoice.status().isClosed()) {
            throw new RefusedException("Invoice " + invoiceNumber + " is " + invoice.status()
                    + ": there is nothing to write off");
        }
        WriteOff writeOff = new WriteOff(invoiceNumber, invoice.openBalance(), invoice.currency(), why, user,
                clock.instant());
        try {
            store.insert(writeOff);
        } catch (DuplicateKeyException e) {
            // The transaction is spoilt (PostgreSQL refuses further statements), so the other record is not read here.
            throw new RefusedException("Invoice " + invoiceNumber + " was written off by someone else at the same moment");
        }
        log.info("Invoice {} written off by {}: {} {} ({})", invoiceNumber, user, writeOff.amount(),
                writeOff.currency(), why);
        return writeOff;
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    public Optional<WriteOff> find(String invoiceNumber) {
        return store.writeOff(invoiceNumber);
    }

    private static RefusedException alreadyWrittenOff(WriteOff earlier) {
        return new RefusedException("Invoice " + earlier.invoiceNumber() + " was written off by "
                + earlier.writtenOffBy() + " at " + earlier.writtenOffAt());
    }
}
