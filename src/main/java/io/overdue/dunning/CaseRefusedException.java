package io.overdue.dunning;

/** The case cannot take the request in the state it is in (answered 409 with the reason). */
public class CaseRefusedException extends RuntimeException {

    CaseRefusedException(String message) {
        super(message);
    }
}
