package io.overdue.payments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored bank payment and where it stands, as the API shows it.
 *
 * @param candidates the invoices an AMBIGUOUS payment could belong to (empty otherwise)
 * @param reason     why it is UNMATCHED or AMBIGUOUS, in words; null once MATCHED
 * @param matchedBy  the collector who matched it by hand (rule COLLECTOR)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BankPayment(
        String paymentId, BigDecimal amount, String currency, LocalDate bookedOn, LocalDate valueDate, String reference,
        String text, String payer, String endToEndId, String bankReference, PaymentSource source,
        BankPaymentStatus status, String matchedInvoiceNumber, MatchRule matchRule, List<String> candidates,
        String reason, String matchedBy, Instant receivedAt, Instant matchedAt, @JsonIgnore long version) {

    /** The same payment as {@code other}: every fact the bank reported is equal (how it reached us may differ). */
    boolean sameAs(IncomingPayment other) {
        return amount.compareTo(other.amount()) == 0 && currency.equals(other.currency())
                && bookedOn.equals(other.bookedOn()) && java.util.Objects.equals(valueDate, other.valueDate())
                && java.util.Objects.equals(reference, other.structuredReference())
                && java.util.Objects.equals(text, other.freeText()) && java.util.Objects.equals(payer, other.debtorName())
                && java.util.Objects.equals(endToEndId, other.endToEndId())
                && java.util.Objects.equals(bankReference, other.bankReference());
    }

    /** The payment as the bank reported it, to be matched again. */
    IncomingPayment asIncoming() {
        return new IncomingPayment(paymentId, amount, currency, bookedOn, valueDate, reference, text, payer, endToEndId,
                bankReference, source);
    }

    /** This payment kept as a customer's credit by collector {@code by} at {@code at}. */
    BankPayment creditedTo(String customerNumber, String by, Instant at) {
        return new BankPayment(paymentId, amount, currency, bookedOn, valueDate, reference, text, payer, endToEndId,
                bankReference, source, BankPaymentStatus.CREDITED, null, null, List.of(),
                "kept as the credit balance of customer " + customerNumber, by, receivedAt, at, version);
    }

    /** This payment booked on {@code invoiceNumber} at {@code at}, found by {@code rule} ({@code by} a collector, or null). */
    BankPayment matchedTo(String invoiceNumber, MatchRule rule, String by, Instant at) {
        return new BankPayment(paymentId, amount, currency, bookedOn, valueDate, reference, text, payer, endToEndId,
                bankReference, source, BankPaymentStatus.MATCHED, invoiceNumber, rule, List.of(), null, by, receivedAt,
                at, version);
    }
}
