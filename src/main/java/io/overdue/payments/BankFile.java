package io.overdue.payments;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What a bank file held: the incoming payments taken from it and an account of what was left out, so an import can
 * tell the user why a file of 40 entries gave 35 payments.
 *
 * @param messageType    ISO message and version, e.g. {@code camt.054.001.08}, taken from the namespace; just
 *                       {@code camt.053} or {@code camt.054} when the namespace names no version
 * @param messageId      the bank's id of the file ({@code GrpHdr/MsgId})
 * @param createdAt      when the bank made the file ({@code GrpHdr/CreDtTm}) in the bank's own clock, any offset
 *                       dropped (many banks write none); null when absent
 * @param payments       the incoming payments, in file order
 * @param ignoredEntries how many entries were left out whole (debits, not booked, reversals)
 * @param ignoredReasons one line per entry or transaction left out, naming it and why, in file order
 */
public record BankFile(String messageType, String messageId, LocalDateTime createdAt, List<StatementPayment> payments,
                       int ignoredEntries, List<String> ignoredReasons) {

    public BankFile {
        payments = List.copyOf(payments);
        ignoredReasons = List.copyOf(ignoredReasons);
    }
}
