package io.overdue.agency;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What happened on a case besides notices: disputes, promises to pay and the fees notices charged. The
 * system does not record these yet; the dunning module will supply them by declaring a bean of this type
 * once its process records them. Until then {@link #NONE} answers, and a case file says "none recorded"
 * instead of guessing.
 */
public interface CaseHistory {

    CaseHistory NONE = new CaseHistory() {
        @Override
        public List<Dispute> disputes(String invoiceNumber) {
            return List.of();
        }

        @Override
        public List<Promise> promises(String invoiceNumber) {
            return List.of();
        }

        @Override
        public List<Fee> fees(String invoiceNumber) {
            return List.of();
        }
    };

    /** The disputes raised on the invoice, oldest first. */
    List<Dispute> disputes(String invoiceNumber);

    /** The promises to pay made on the invoice, oldest first. */
    List<Promise> promises(String invoiceNumber);

    /** The fees charged on the invoice's notices, oldest first. */
    List<Fee> fees(String invoiceNumber);

    /**
     * @param amount   the disputed part; null when the whole invoice is disputed
     * @param status   e.g. OPEN, RESOLVED_FOR_CUSTOMER, RESOLVED_FOR_CREDITOR
     */
    record Dispute(Instant raisedAt, BigDecimal amount, String reason, String status, Instant resolvedAt,
                   String resolution) {
    }

    /** @param status e.g. PENDING, KEPT, BROKEN */
    record Promise(Instant madeAt, LocalDate promisedDate, BigDecimal amount, String status, String note) {
    }

    /** @param kind a {@code charges.RateKind} name, e.g. REMINDER_FEE */
    record Fee(String kind, LocalDate chargedOn, BigDecimal amount, String currency, String source) {
    }
}
