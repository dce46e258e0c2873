package io.overdue.credit;

import io.overdue.customers.CreditHoldSource;

import java.time.Instant;

/**
 * One placing or lifting of a customer's credit hold, as stored in the append-only history.
 *
 * @param eventId          sent as the webhook's {@code eventId} and {@code Idempotency-Key}; the same on every retry
 * @param source           who placed or lifted the hold
 * @param invoiceNumber    the invoice whose dunning level placed the hold; null for other events
 * @param userId           the manager who lifted the hold by hand; null otherwise
 * @param deliveryStatus   how far the webhook call got
 * @param deliveryAttempts webhook calls tried so far
 * @param lastError        why the last webhook call failed; null once delivered
 */
public record CreditHoldEvent(long id, String eventId, String customerNumber, Type type, CreditHoldSource source,
                              String invoiceNumber, String reason, String userId, Instant occurredAt,
                              DeliveryStatus deliveryStatus, int deliveryAttempts, Instant deliveredAt,
                              String lastError) {

    public enum Type {
        PLACED, RELEASED;

        /** The event name on the webhook. */
        public String webhookName() {
            return this == PLACED ? "credit-hold.placed" : "credit-hold.released";
        }
    }

    public enum DeliveryStatus {
        /** Stored, the webhook not yet answered. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** The last call failed; the next call of the same operation tries again with the same event id. */
        FAILED,
        /** Nothing to send: no webhook configured, or the ERP made the change itself. */
        NOT_SENT,
        /** A later event of the customer was recorded before this one got through; only the later one is sent. */
        SUPERSEDED
    }

    boolean awaitsDelivery() {
        return deliveryStatus == DeliveryStatus.PENDING || deliveryStatus == DeliveryStatus.FAILED;
    }
}
