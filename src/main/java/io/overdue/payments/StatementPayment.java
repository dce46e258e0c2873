package io.overdue.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One incoming payment as the bank reported it: one {@code TxDtls} of a booked credit entry, or the entry itself
 * when the bank gave no details.
 *
 * @param paymentId           stable id of the payment, the same each time the file (or, as a rule, a later
 *                            statement listing the same payment) is read; see docs/payments.md for the rule
 * @param amount              amount credited, never negative; in the account's currency whenever the file says what
 *                            was booked for this transaction (see the FX rule in docs/payments.md)
 * @param currency            ISO 4217 code of {@code amount}
 * @param bookingDate         the day the bank booked the entry ({@code BookgDt})
 * @param valueDate           the day the money counts as received ({@code ValDt}); null when the bank left it out
 * @param structuredReference the creditor reference the payer gave ({@code RmtInf/Strd/CdtrRefInf/Ref}): a KID, OCR,
 *                            RF or bank-specific reference, without spaces; null without one
 * @param freeText            the payer's message ({@code RmtInf/Ustrd} lines joined with a space); for an entry
 *                            without details the bank's {@code AddtlNtryInf}; null without one
 * @param debtorName          who paid ({@code RltdPties/Dbtr/Nm}, or {@code Dbtr/Pty/Nm} from version 08); null when
 *                            the bank names no one
 * @param endToEndId          the payer's own reference ({@code Refs/EndToEndId}); null when absent or
 *                            {@code NOTPROVIDED}
 * @param bankReference       the bank's reference for the transaction ({@code Refs/AcctSvcrRef}), else for the entry;
 *                            what to quote when asking the bank about the payment; may be null
 */
public record StatementPayment(String paymentId, BigDecimal amount, String currency, LocalDate bookingDate,
                               LocalDate valueDate, String structuredReference, String freeText, String debtorName,
                               String endToEndId, String bankReference) {
}
