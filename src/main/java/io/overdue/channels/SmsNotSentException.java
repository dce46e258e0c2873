package io.overdue.channels;

/** Twilio did not take an SMS; the job that sent it should be retried and, in the end, raise an incident. */
public class SmsNotSentException extends RuntimeException {

    SmsNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
