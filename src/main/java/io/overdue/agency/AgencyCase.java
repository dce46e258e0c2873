package io.overdue.agency;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An invoice handed over to a collection agency, with what the agency reported since.
 *
 * @param agency            the adapter's bean name
 * @param externalReference the agency's own id for the case, when it gave one
 * @param delivery          where the case file went
 * @param status            the status of the latest update by the time it occurred (HANDED_OVER before any)
 * @param amountCollected   the latest total collected that the agency reported
 * @param updates           the agency's updates in the order they occurred
 */
public record AgencyCase(String invoiceNumber, String agency, String externalReference, String delivery,
                         Instant handedOverAt, AgencyStatus status, Instant statusAt, BigDecimal amountCollected,
                         List<StatusUpdate> updates) {

    /**
     * One status update from the agency, as received.
     *
     * @param amountCollected the total the agency has collected on the claim so far, when it says
     * @param receivedFrom    the API user that sent it
     */
    public record StatusUpdate(String updateId, AgencyStatus status, BigDecimal amountCollected, String note,
                               Instant occurredAt, Instant receivedAt, String receivedFrom) {
    }
}
