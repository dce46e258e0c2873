package io.overdue.shared;

import java.util.List;

/** Thrown before anything is written, so that a refused request leaves no trace. */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.size() + " invalid value(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(Violation.of(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
