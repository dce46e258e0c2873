package io.overdue.disputes;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's objection to an invoice, as stored.
 *
 * @param id             our number for it
 * @param disputeId      the caller's own id for it, when the API was given one (repeats find this dispute)
 * @param amount         the disputed part; null when the whole claim is disputed
 * @param partial        dunning went on for the undisputed part while it was open
 * @param creditedAmount what the upheld dispute credited (null until then)
 */
@Schema(description = "A dispute raised on an invoice and what was decided on it")
public record Dispute(long id, String invoiceNumber, String disputeId, Instant raisedAt, BigDecimal amount,
                      String currency, String reason, Source source, boolean partial, DisputeStatus status,
                      BigDecimal creditedAmount, String resolutionNotes, String resolvedBy, Instant resolvedAt) {

    /** Where the dispute came from. */
    public enum Source {
        /** {@code POST /api/invoices/{n}/disputes}, by the ERP or a collector recording what the customer said. */
        API,
        /** The outcome of a collector's call task. */
        CALL
    }

    /** Whether the collector still has to decide. */
    public boolean isOpen() {
        return status == DisputeStatus.OPEN || status == DisputeStatus.MORE_INFORMATION;
    }
}
