package io.overdue.agency;

/** A case file did not reach the agency; thrown so that the engine's job retries and finally raises an incident. */
public class AgencyDeliveryException extends RuntimeException {

    public AgencyDeliveryException(String message) {
        super(message);
    }

    public AgencyDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
