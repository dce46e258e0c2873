package io.overdue.agency;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hands invoices over to collection agencies and records what the agencies report back.
 *
 * <p>At most one hand-over per invoice: a second call returns the first one's record and sends nothing. The
 * case file is sent before the record is stored, so a failed delivery leaves no record and the engine's job
 * retries it; the agency recognises a repeat by {@link CaseFile#handOverId()}.
 */
@Service
public class AgencyHandOvers {

    static final int MAX_UPDATE_ID = 100;
    static final int MAX_NOTE = 2000;
    /** Clocks differ between us and an agency; more than this ahead is a wrong time, not skew. */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(AgencyHandOvers.class);

    private final CaseFiles caseFiles;
    private final CaseFileJson json;
    private final AgencyCases cases;
    private final InvoiceService invoices;
    private final Map<String, CollectionAgency> agencies;
    private final AgencyProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AgencyHandOvers(CaseFiles caseFiles, CaseFileJson json, AgencyCases cases, InvoiceService invoices,
                    Map<String, CollectionAgency> agencies, AgencyProperties properties,
                    PlatformTransactionManager transactionManager, Clock clock) {
        // A misspelt adapter would otherwise only show when the first case is handed over.
        if (!agencies.containsKey(properties.adapter())) {
            throw new IllegalStateException("overdue.agency.adapter names '" + properties.adapter()
                    + "', but the collection agencies are " + new TreeSet<>(agencies.keySet()));
        }
        this.caseFiles = caseFiles;
        this.json = json;
        this.cases = cases;
        this.invoices = invoices;
        this.agencies = agencies;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Hands the invoice over to the agency (the configured one when {@code agencyName} is null), or returns the
     * earlier hand-over of this invoice without sending again.
     *
     * @throws NotFoundException       when there is no such invoice
     * @throws RefusedException        when the invoice is paid or cancelled
     * @throws IllegalArgumentException when no agency has that name
     * @throws RuntimeException        whatever the agency's adapter throws when the delivery failed
     */
    public AgencyCase handOver(String invoiceNumber, String agencyName) {
        Optional<AgencyCase> earlier = cases.withUpdates(invoiceNumber);
        if (earlier.isPresent()) {
            log.info("Invoice {} was handed over to {} before; not sending again", invoiceNumber, earlier.get().agency());
            return earlier.get();
        }
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        if (invoice.status().isClosed()) {
            throw new RefusedException("Invoice " + invoiceNumber + " is " + invoice.status() + ": nothing to hand over");
        }
        String name = agencyName == null || agencyName.isBlank() ? properties.adapter() : agencyName;
        CollectionAgency agency = agencies.get(name);
        if (agency == null) {
            throw new IllegalArgumentException("No collection agency named '" + name + "'; there are "
                    + new TreeSet<>(agencies.keySet()));
        }
        CaseFile caseFile = caseFiles.build(invoiceNumber);
        HandOverReceipt receipt = agency.handOver(caseFile);
        AgencyCase handedOver = new AgencyCase(invoiceNumber, name, receipt.agencyReference(), receipt.delivery(),
                caseFile.createdAt(), AgencyStatus.HANDED_OVER, caseFile.createdAt(), null, java.util.List.of());
        try {
            cases.insert(handedOver, new String(json.write(caseFile), StandardCharsets.UTF_8));
        } catch (DuplicateKeyException e) {
            // A simultaneous hand-over of the same invoice stored its record first; the agency got the same
            // hand-over id twice and keeps one.
            return cases.withUpdates(invoiceNumber).orElseThrow(() -> e);
        }
        log.info("Invoice {} handed over to {} (reference {}, {})", invoiceNumber, name, receipt.agencyReference(),
                receipt.delivery());
        // As stored, so that this answer and every later one agree to the database's precision.
        return cases.withUpdates(invoiceNumber).orElseThrow();
    }

    /** The invoice's hand-over with every status update, in the order they occurred. */
    public Optional<AgencyCase> find(String invoiceNumber) {
        return cases.withUpdates(invoiceNumber);
    }

    /** The case file as it was sent to the agency. */
    public Optional<String> sentCaseFile(String invoiceNumber) {
        return cases.caseFile(invoiceNumber);
    }

    /** A stored status update and whether this call stored it (false: the update id was known). */
    public record Recorded(AgencyCase.StatusUpdate update, boolean created) {
    }

    /**
     * Records a status update from the agency, once per update id.
     *
     * @param receivedFrom the API user that sent it
     * @throws NotFoundException     when the invoice does not exist or was not handed over
     * @throws InvalidInputException naming every bad field
     * @throws RefusedException      when the update id was used before for a different update
     */
    public Recorded recordStatus(String invoiceNumber, StatusUpdateRequest request, String receivedFrom) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        AgencyCases.Row row = cases.find(invoiceNumber)
                .orElseThrow(() -> new NotFoundException("Agency case", "of invoice " + invoiceNumber));
        AgencyCase.StatusUpdate update = validated(request, invoice.currency(), receivedFrom);
        Optional<AgencyCase.StatusUpdate> known = cases.update(row.id(), update.updateId());
        if (known.isPresent()) {
            return repeat(invoiceNumber, known.get(), update);
        }
        try {
            transaction.executeWithoutResult(status -> cases.append(row.id(), update));
        } catch (DuplicateKeyException e) {
            // The same update arrived twice at once; the other call stored it.
            return repeat(invoiceNumber, cases.update(row.id(), update.updateId()).orElseThrow(() -> e), update);
        }
        log.info("Agency status of invoice {}: {} at {} (update {}, collected {}, from {}){}", invoiceNumber,
                update.status(), update.occurredAt(), update.updateId(), update.amountCollected(), receivedFrom,
                update.note() == null ? "" : ": " + update.note());
        return new Recorded(update, true);
    }

    private static Recorded repeat(String invoiceNumber, AgencyCase.StatusUpdate stored, AgencyCase.StatusUpdate sent) {
        boolean same = stored.status() == sent.status() && stored.occurredAt().equals(sent.occurredAt())
                && (stored.amountCollected() == null ? sent.amountCollected() == null
                : sent.amountCollected() != null && stored.amountCollected().compareTo(sent.amountCollected()) == 0)
                && Objects.equals(stored.note(), sent.note());
        if (!same) {
            throw new RefusedException("Update " + sent.updateId() + " of invoice " + invoiceNumber
                    + " was recorded before with other content (" + stored.status() + " at " + stored.occurredAt()
                    + "); send a new update id for a new update");
        }
        return new Recorded(stored, false);
    }

    private AgencyCase.StatusUpdate validated(StatusUpdateRequest request, String currency, String receivedFrom) {
        Violations violations = new Violations();
        if (request == null) {
            throw InvalidInputException.of("", "status update is missing");
        }
        String updateId = request.updateId() == null ? null : request.updateId().strip();
        if (updateId == null || updateId.isEmpty()) {
            violations.add("updateId", "must not be blank");
        } else if (updateId.length() > MAX_UPDATE_ID) {
            violations.add("updateId", "must be at most " + MAX_UPDATE_ID + " characters");
        }
        AgencyStatus status = null;
        if (request.status() == null || request.status().isBlank()) {
            violations.add("status", "must not be blank; one of " + AgencyStatus.reportable());
        } else {
            try {
                status = AgencyStatus.valueOf(request.status().strip());
            } catch (IllegalArgumentException e) {
                // status stays null
            }
            if (status == null || status == AgencyStatus.HANDED_OVER) {
                status = null;
                violations.add("status", "'" + request.status() + "' is not one of " + AgencyStatus.reportable());
            }
        }
        Instant occurredAt = null;
        if (request.occurredAt() == null || request.occurredAt().isBlank()) {
            violations.add("occurredAt", "must not be blank");
        } else {
            try {
                occurredAt = OffsetDateTime.parse(request.occurredAt().strip()).toInstant();
                if (occurredAt.isAfter(clock.instant().plus(ALLOWED_CLOCK_SKEW))) {
                    violations.add("occurredAt", "'" + request.occurredAt() + "' is in the future");
                }
            } catch (DateTimeParseException e) {
                violations.add("occurredAt", "'" + request.occurredAt()
                        + "' is not a date and time with offset (ISO 8601, e.g. 2026-11-20T10:15:00Z)");
            }
        }
        BigDecimal amount = request.amountCollected();
        if (amount != null) {
            if (amount.signum() < 0) {
                violations.add("amountCollected", "must be 0 or more");
            } else if (amount.stripTrailingZeros().scale() > IsoCodes.fractionDigits(currency)) {
                violations.add("amountCollected", "has more decimals than " + currency + " allows ("
                        + IsoCodes.fractionDigits(currency) + ")");
            }
        } else if (status != null && status.needsAmount()) {
            violations.add("amountCollected", "is required with status " + status);
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            violations.add("note", "must be at most " + MAX_NOTE + " characters");
        }
        violations.throwIfAny();
        return new AgencyCase.StatusUpdate(updateId, status, amount, note, occurredAt, clock.instant(), receivedFrom);
    }
}
