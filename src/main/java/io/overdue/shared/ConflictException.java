package io.overdue.shared;

/**
 * A well-formed request that contradicts what is stored, e.g. an idempotency key used before for other
 * content (answered 409). Repeating it cannot succeed; the caller must use a new key or the stored content.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
