package io.overdue.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every fault of a request, so the caller can be told all of them in one answer. */
public final class Violations {

    private final List<Violation> list = new ArrayList<>();

    public Violations add(String field, String message) {
        list.add(Violation.of(field, message));
        return this;
    }

    public Violations add(Violation violation) {
        list.add(violation);
        return this;
    }

    public Violations addAll(List<Violation> violations) {
        list.addAll(violations);
        return this;
    }

    public <T> Violations addBeanViolations(Validator validator, T bean) {
        validator.validate(bean).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> add(v.getPropertyPath().toString(), v.getMessage()));
        return this;
    }

    public boolean hasFieldAtFault(String field) {
        return list.stream().anyMatch(v -> field.equals(v.field()));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidInputException(list);
        }
    }
}
