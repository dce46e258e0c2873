package io.overdue.shared;

/**
 * One thing wrong with a request. {@code row} is the CSV line number (the header is line 1) and is null for
 * JSON input, where the {@code field} path already locates the value (e.g. {@code [3].amount}).
 */
public record Violation(Integer row, String field, String message) {

    public static Violation of(String field, String message) {
        return new Violation(null, field, message);
    }

    public Violation atRow(int rowNumber) {
        return new Violation(rowNumber, field, message);
    }

    public Violation under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String path = field == null || field.isEmpty() ? prefix
                : field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new Violation(row, path, message);
    }
}
