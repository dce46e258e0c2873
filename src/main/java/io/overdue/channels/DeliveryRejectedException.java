package io.overdue.channels;

/**
 * The mail server or Twilio refused a message for good (an unknown mailbox, an invalid or unsubscribed number): trying
 * again cannot help, so it is not tried again, and the collector sees why in the case's log.
 */
class DeliveryRejectedException extends RuntimeException {

    /** What the communication log records, e.g. {@link SentNotice#BOUNCED}. */
    private final String status;

    DeliveryRejectedException(String status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    String status() {
        return status;
    }
}
