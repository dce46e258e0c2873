package io.overdue.promises;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's promise to pay, as stored.
 *
 * @param id               our number for it
 * @param promiseId        the caller's own id for it, when the API was given one (repeats find this promise)
 * @param amount           the promised amount; null for the whole open balance
 * @param balanceAtPromise the open balance when the promise was made
 * @param amountReceived   what came in between the promise and its check (payments, or the balance's drop)
 */
@Schema(description = "A promise to pay made on an invoice and whether it was kept")
public record Promise(long id, String invoiceNumber, String promiseId, Instant madeAt, LocalDate promisedDate,
                      BigDecimal amount, String currency, BigDecimal balanceAtPromise, String note, Source source,
                      PromiseStatus status, BigDecimal amountReceived, Instant checkedAt) {

    /** Where the promise came from. */
    public enum Source {
        /** {@code POST /api/invoices/{n}/promises}, by the ERP or a collector recording what the customer said. */
        API,
        /** The outcome of a collector's call task ("promised to pay", "paid already"). */
        CALL
    }

    /** What has to come in for the promise to be kept: the amount, or the whole balance when it was made. */
    public BigDecimal due() {
        return amount != null ? amount : balanceAtPromise;
    }
}
