package io.overdue.agency;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/**
 * Bad debt given up, with who decided it and why. Only the record is kept here: ending the collection case
 * and closing the invoice come with the process redesign (docs/agency.md).
 */
@Service
public class WriteOffs {

    static final int MAX_REASON = 2000;

    private static final Logger log = LoggerFactory.getLogger(WriteOffs.class);

    private final AgencyCases store;
    private final InvoiceService invoices;
    private final Clock clock;

    WriteOffs(AgencyCases store, InvoiceService invoices, Clock clock) {
        this.store = store;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * Writes off the invoice's open balance. The caller has checked that {@code user} may (a manager).
     *
     * @throws NotFoundException     when there is no such invoice
     * @throws InvalidInputException when the reason is missing or too long
     * @throws RefusedException      when the invoice is paid or cancelled, or was written off before
     */
    public WriteOff writeOff(String invoiceNumber, String reason, String user) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw InvalidInputException.of("reason", "must not be blank: say why the debt is written off");
        }
        if (why.length() > MAX_REASON) {
            throw InvalidInputException.of("reason", "must be at most " + MAX_REASON + " characters");
        }
        if (invoice.status().isClosed()) {
            throw new RefusedException("Invoice " + invoiceNumber + " is " + invoice.status()
                    + ": there is nothing to write off");
        }
        Optional<WriteOff> earlier = store.writeOff(invoiceNumber);
        if (earlier.isPresent()) {
            throw alreadyWrittenOff(earlier.get());
        }
        WriteOff writeOff = new WriteOff(invoiceNumber, invoice.openBalance(), invoice.currency(), why, user,
                clock.instant());
        try {
            store.insert(writeOff);
        } catch (DuplicateKeyException e) {
            throw alreadyWrittenOff(store.writeOff(invoiceNumber).orElseThrow(() -> e));
        }
        log.info("Invoice {} written off by {}: {} {} ({})", invoiceNumber, user, writeOff.amount(),
                writeOff.currency(), why);
        return writeOff;
    }

    public Optional<WriteOff> find(String invoiceNumber) {
        return store.writeOff(invoiceNumber);
    }

    private static RefusedException alreadyWrittenOff(WriteOff earlier) {
        return new RefusedException("Invoice " + earlier.invoiceNumber() + " was written off by "
                + earlier.writtenOffBy() + " at " + earlier.writtenOffAt());
    }
}
