package io.overdue.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A sent dunning notice of level 1 in NOK, written straight into {@code dunning_notice} as the dunning step records
 * it: for tests that need what notices claimed without running a case up to them.
 */
public final class NoticeRows {

    private NoticeRows() {
    }

    /**
     * @param fee          the reminder fee claimed; null for none
     * @param interest     the interest stated; null when the notice stated none
     * @param interestNote why it stated none (a missing rate); null otherwise
     */
    public static void insert(JdbcTemplate jdbc, String invoiceNumber, String customerNumber, LocalDate sentOn,
                              String principal, String fee, String interest, String interestNote) {
        jdbc.update("""
                INSERT INTO dunning_notice (invoice_number, customer_number, notice_level, notice_round, sent_at, sent_on,
                    deadline, template, channels, currency, principal, fee_kind, fee_amount, fee_currency, interest_amount,
                    interest_note, credit_hold, call_customer)
                VALUES (?, ?, 1, 1, ?, ?, ?, 'reminder-1', 'EMAIL', 'NOK', ?, ?, ?, ?, ?, ?, FALSE, FALSE)""",
                invoiceNumber, customerNumber, Timestamp.from(Instant.now()), sentOn, sentOn.plusDays(14),
                new BigDecimal(principal), fee == null ? "NONE" : "REMINDER_FEE", fee == null ? null : new BigDecimal(fee),
                fee == null ? null : "NOK", interest == null ? null : new BigDecimal(interest), interestNote);
    }
}
