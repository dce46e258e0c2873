package io.overdue.dunning;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A dunning notice as it went: what the policy decided on its day and what it claimed. Amounts are null when not
 * claimed; the matching note says why when a rule or a missing rate left them out (docs/dunning-notices.md).
 *
 * @param channels     the policy's channels in order ({@code EMAIL}, {@code SMS}, {@code LETTER}, {@code CALL})
 * @param principal    the open balance on the day it went, in {@code currency}
 * @param feeKind      one of {@link DunningPolicy.FeeKinds}, as the policy asked
 * @param interestRate annual percent, when one rate applied to the whole period; null otherwise
 */
public record DunningNotice(long id, String invoiceNumber, String customerNumber, int level, int round,
                            Instant sentAt, LocalDate sentOn, LocalDate deadline, String template, String tone,
                            List<String> channels, String currency, BigDecimal principal,
                            String feeKind, BigDecimal feeAmount, String feeCurrency, String feeSource, String feeNote,
                            BigDecimal interestAmount, BigDecimal interestRate, LocalDate interestFrom,
                            LocalDate interestUntil, String interestNote,
                            BigDecimal compensationAmount, String compensationCurrency, String compensationNote,
                            boolean creditHold, boolean callCustomer, String financeContact) {

    public DunningNotice {
        channels = List.copyOf(channels);
    }

    /** Whether this notice carried a fee (it then counts towards Norway's limit of two). */
    public boolean feeCharged() {
        return feeAmount != null;
    }

    /**
     * The notice's idempotency key, shared by its channels (which add their own prefixes): the invoice, level and
     * round, so that a retry finds what went, and one more round sends the last level again under new keys.
     */
    public String key() {
        return key(invoiceNumber, level, round);
    }

    static String key(String invoiceNumber, int level, int round) {
        return "notice:" + invoiceNumber + ":L" + level + ":R" + round;
    }

    /** Everything this notice asked the customer to pay, in {@code currency}. */
    public BigDecimal total() {
        return principal.add(orZero(feeAmount)).add(orZero(interestAmount)).add(orZero(compensationAmount));
    }

    static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
