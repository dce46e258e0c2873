package io.overdue.credit;

/**
 * The webhook receiver did not take a credit-hold event. The hold itself is stored; thrown so that the job
 * that asked for the change fails and the engine retries it, which sends the same event again.
 */
public class CreditHoldWebhookException extends RuntimeException {

    private final String eventId;

    public CreditHoldWebhookException(String eventId, String message, Throwable cause) {
        super("credit-hold event " + eventId + " was not delivered: " + message, cause);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
