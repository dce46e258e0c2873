package io.overdue.channels;

import java.time.Instant;

/**
 * A notice rendered as a PDF for the post, as stored with the case.
 *
 * @param pdf the document exactly as the customer receives it; {@code null} in listings, which leave the
 *            bytes in the database
 */
public record Letter(long id, String idempotencyKey, String invoiceNumber, String customerNumber, String template,
                     Instant createdAt, int size, byte[] pdf) {

    /** The name a downloaded copy is saved under: invoice, template and letter id, safe on every file system. */
    public String fileName() {
        return (invoiceNumber + "-" + template + "-" + id).replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }
}
