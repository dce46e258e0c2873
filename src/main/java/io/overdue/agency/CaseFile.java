package io.overdue.agency;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything an agency needs to take over a claim, as one JSON document (docs/agency.md). Versioned, so that
 * an agency's import can tell a later layout from this one: fields are added in a compatible way, anything
 * else raises {@link #SCHEMA_VERSION}.
 *
 * @param handOverId an id that stays the same for every attempt to hand this invoice over, for the agency
 *                   to recognise a repeat
 * @param handOverDate the day interest is computed to, in {@code overdue.agency.zone}
 */
@JsonPropertyOrder({"schemaVersion", "handOverId", "createdAt", "handOverDate", "creditor", "debtor", "invoice",
        "charges", "notices", "letters", "disputes", "promises"})
public record CaseFile(int schemaVersion, String handOverId, Instant createdAt, LocalDate handOverDate,
                       Creditor creditor, Debtor debtor, InvoiceFacts invoice, ChargeFacts charges,
                       List<NoticeFacts> notices, List<LetterFacts> letters, List<CaseHistory.Dispute> disputes,
                       List<CaseHistory.Promise> promises) {

    public static final int SCHEMA_VERSION = 1;

    public CaseFile {
        notices = List.copyOf(notices);
        letters = List.copyOf(letters);
        disputes = List.copyOf(disputes);
        promises = List.copyOf(promises);
    }

    public record Creditor(String name, String organisationNumber, String bankAccount, String email, String phone) {
    }

    public record Debtor(String customerNumber, String name, String kind, String organisationNumber, String country,
                         String language, String email, String phone, List<Contact> contacts) {
    }

    public record Contact(String role, String name, String email, String phone) {
    }

    public record InvoiceFacts(String invoiceNumber, LocalDate issueDate, LocalDate dueDate, String currency,
                               BigDecimal amount, BigDecimal openBalance, String paymentReference,
                               String referenceType, String status) {
    }

    /**
     * @param fees fees charged on notices, as recorded by the dunning module (empty until it records them)
     */
    public record ChargeFacts(Interest lateInterest, FixedCompensation fixedCompensation,
                              List<CaseHistory.Fee> fees) {
    }

    /**
     * Late interest on the open balance from the day after the due date up to the hand-over date. When the rate
     * table lacks a rate, {@code computed} is false, {@code amount} is null and {@code notComputedReason}
     * names the missing rate; the principal is still given.
     */
    public record Interest(boolean computed, BigDecimal principal, String currency, LocalDate fromDay,
                           LocalDate untilDay, BigDecimal amount, List<InterestPeriod> periods,
                           String notComputedReason, MissingRate missingRate) {
    }

    public record InterestPeriod(LocalDate firstDay, LocalDate lastDay, long days, BigDecimal annualRatePercent,
                                 String source) {
    }

    public record MissingRate(String country, String kind, LocalDate date) {
    }

    /**
     * Statutory fixed compensation from a business debtor. {@code charged} false with a {@code reason} when none
     * is owed (a consumer, a country without it) or, with {@code missingRate}, when the table lacks the figure.
     */
    public record FixedCompensation(boolean charged, BigDecimal amount, String currency, String source,
                                    String reason, String explanation, MissingRate missingRate) {
    }

    /** One entry of the communication log. */
    public record NoticeFacts(String channel, String recipient, String template, String subject, String content,
                              String status, String providerId, Instant sentAt) {
    }

    /** A stored letter; the PDF is downloaded from {@code downloadPath} with the agency's API user. */
    public record LetterFacts(long id, String template, Instant createdAt, int size, String downloadPath) {
    }
}
