package io.overdue.customers;

/** The few facts about a customer that invoice intake needs, loaded in bulk without contacts. */
public record CustomerRef(long id, String customerNumber, String name, String country, String language,
                          CustomerKind kind) {
}
