package io.overdue.agency;

/** A request that is well-formed but conflicts with the state of the invoice (answered 409). */
public class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}
