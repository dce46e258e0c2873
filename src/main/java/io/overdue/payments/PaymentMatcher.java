package io.overdue.payments;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.Amounts;
import io.overdue.shared.PaymentReferences;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the invoice a bank payment pays, trying three rules in order: its structured reference, an invoice number in
 * its free text, its payer and amount. The first rule that finds an invoice decides, also when what it found cannot
 * take the payment (a closed invoice, another currency, an over-payment): a later, weaker rule must not book on some
 * other invoice money that the payer meant for this one. Only reads; the caller books.
 */
@Component
class PaymentMatcher {

    /** Shorter invoice numbers ("12", "100") turn up in any text as amounts, dates or house numbers. */
    static final int MIN_NUMBER_IN_TEXT = 4;
    /** An ambiguous payment lists at most this many candidates; more say nothing a collector can use. */
    private static final int MAX_CANDIDATES = 20;
    private static final int MAX_REASON = 1000;

    private final InvoiceService invoices;
    private final CustomerService customers;
    private final InvoiceAdjustments adjustments;

    PaymentMatcher(InvoiceService invoices, CustomerService customers, InvoiceAdjustments adjustments) {
        this.adjustments = adjustments;
        this.invoices = invoices;
        this.customers = customers;
    }

    /**
     * What matching decided: the invoice for MATCHED (as read in the caller's transaction, to book on), the candidates
     * for AMBIGUOUS, and why when not MATCHED.
     */
    record Match(BankPaymentStatus status, Invoice invoice, MatchRule rule, List<String> candidates, String reason) {

        String invoiceNumber() {
            return invoice == null ? null : invoice.invoiceNumber();
        }

        static Match matched(Invoice invoice, MatchRule rule) {
            return new Match(BankPaymentStatus.MATCHED, invoice, rule, List.of(), null);
        }

        static Match unmatched(String reason) {
            return new Match(BankPaymentStatus.UNMATCHED, null, null, List.of(), cut(reason));
        }

        static Match ambiguous(List<String> candidates, String reason) {
            return new Match(BankPaymentStatus.AMBIGUOUS, null, null,
                    candidates.stream().limit(MAX_CANDIDATES).toList(), cut(reason));
        }

        private static String cut(String reason) {
            return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
        }
    }

    Match match(IncomingPayment payment) {
        List<String> misses = new ArrayList<>();
        return byReference(payment, misses)
                .or(() -> byInvoiceNumberInText(payment, misses))
                .or(() -> byCustomerAndAmount(payment, misses))
                .orElseGet(() -> Match.unmatched("no invoice found: " + String.join("; ", misses)));
    }

    private Optional<Match> byReference(IncomingPayment payment, List<String> misses) {
        if (payment.structuredReference() == null) {
            misses.add("no structured reference");
            return Optional.empty();
        }
        String reference = compact(payment.structuredReference());
        if (!trusted(reference)) {
            // A mistyped reference can be another invoice's valid one with a digit changed; only its check digit
            // tells them apart, so a reference that fails it names no invoice.
            misses.add("the reference '" + payment.structuredReference() + "' fails its check digit and was not used");
            return Optional.empty();
        }
        Optional<Match> match = decide(MatchRule.REFERENCE, "its reference", invoices.findByPaymentReference(reference), payment);
        if (match.isEmpty()) {
            misses.add("no invoice has the reference '" + payment.structuredReference() + "'");
        }
        return match;
    }

    private Optional<Match> byInvoiceNumberInText(IncomingPayment payment, List<String> misses) {
        if (payment.freeText() == null) {
            return Optional.empty();
        }
        List<List<String>> words = words(payment.freeText());
        Set<String> lookups = new LinkedHashSet<>();
        words.forEach(word -> word.forEach(token -> lookups.addAll(caseVariants(token))));
        Map<String, Invoice> found = invoices.findByNumbers(lookups);
        Map<String, Invoice> named = new LinkedHashMap<>();
        for (List<String> word : words) {
            // A word that is an invoice number as a whole names that invoice, not the numbers within it:
            // "INV-2026-0042" is not invoice 2026.
            for (String token : word) {
                List<Invoice> hits = caseVariants(token).stream().map(found::get).filter(java.util.Objects::nonNull).toList();
                hits.forEach(invoice -> named.put(invoice.invoiceNumber(), invoice));
                if (token.equals(word.get(0)) && !hits.isEmpty()) {
                    break;
                }
            }
        }
        Optional<Match> match = decide(MatchRule.INVOICE_NUMBER_IN_TEXT, "the invoice numbers in its text",
                List.copyOf(named.values()), payment);
        if (match.isEmpty()) {
            misses.add("its text names no invoice number");
        }
        return match;
    }

    private Optional<Match> byCustomerAndAmount(IncomingPayment payment, List<String> misses) {
        if (payment.debtorName() == null) {
            misses.add("no payer name");
            return Optional.empty();
        }
        List<CustomerRef> payers = customers.findByName(payment.debtorName());
        if (payers.isEmpty()) {
            misses.add("the payer '" + payment.debtorName() + "' is not a customer");
            return Optional.empty();
        }
        List<Invoice> sameBalance = payers.stream().flatMap(customer -> invoices.openInvoices(customer.id()).stream())
                .filter(invoice -> invoice.currency().equals(payment.currency())
                        && (invoice.openBalance().compareTo(payment.amount()) == 0
                            || adjustments.owed(invoice.invoiceNumber()).total().compareTo(payment.amount()) == 0))
                .toList();
        Optional<Match> match = decide(MatchRule.CUSTOMER_AND_AMOUNT, "the payer and amount", sameBalance, payment);
        if (match.isEmpty()) {
            misses.add("no open invoice of " + payers.stream().map(CustomerRef::customerNumber)
                    .collect(Collectors.joining(", ", "customer ", "")) + " owes (principal, or principal with fees and interest) "
                    + Amounts.plain(payment.amount(), payment.currency()));
        }
        return match;
    }

    /**
     * What a rule's hits mean: exactly one open invoice in the payment's currency is a match, several are ambiguous;
     * otherwise the invoices found explain why the payment stays unmatched. Empty when the rule found nothing at all.
     */
    private static Optional<Match> decide(MatchRule rule, String how, List<Invoice> found, IncomingPayment payment) {
        List<Invoice> open = found.stream().filter(invoice -> !invoice.status().isClosed()).toList();
        List<Invoice> payable = open.stream().filter(invoice -> invoice.currency().equals(payment.currency())).toList();
        if (payable.size() == 1) {
            // An over-payment is a match too: the invoice is paid and the rest becomes the customer's credit balance.
            return Optional.of(Match.matched(payable.get(0), rule));
        }
        if (payable.size() > 1) {
            List<String> numbers = payable.stream().map(Invoice::invoiceNumber).toList();
            return Optional.of(Match.ambiguous(numbers, payable.size() + " open invoices fit " + how + ": "
                    + String.join(", ", numbers)));
        }
        if (!open.isEmpty()) {
            return Optional.of(Match.unmatched(open.stream().map(invoice -> "invoice " + invoice.invoiceNumber() + " is in "
                    + invoice.currency()).collect(Collectors.joining(", ")) + ", the payment in " + payment.currency()
                    + " (found by " + how + ")"));
        }
        if (!found.isEmpty()) {
            return Optional.of(Match.unmatched(found.stream().map(invoice -> "invoice " + invoice.invoiceNumber()
                    + " is already " + invoice.status()).collect(Collectors.joining(", ")) + " (found by " + how
                    + "); nothing was booked, the payment waits for a collector"));
        }
        return Optional.empty();
    }

    /** References are stored without spaces and in upper case; banks print them in groups. */
    static String compact(String reference) {
        return reference.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /**
     * A reference whose check digits hold: RF by ISO 11649, anything else as a KID (MOD10 or MOD11), which also
     * covers a Swedish OCR (Luhn, the length digit being part of the body).
     */
    static boolean trusted(String compactReference) {
        return compactReference.startsWith("RF") ? PaymentReferences.isValidRf(compactReference)
                : PaymentReferences.isValidKid(compactReference);
    }

    /**
     * The text's words, each trimmed of surrounding punctuation, with the parts between its inner punctuation
     * ("INV-2026-0042" → itself, "INV", "2026", "0042"): the tokens that stand between word boundaries. Tokens
     * shorter than {@link #MIN_NUMBER_IN_TEXT} are left out; the word itself comes first.
     */
    static List<List<String>> words(String text) {
        List<List<String>> words = new ArrayList<>();
        for (String raw : text.split("\\s+")) {
            String word = raw.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
            List<String> tokens = new ArrayList<>();
            if (word.length() >= MIN_NUMBER_IN_TEXT) {
                tokens.add(word);
            }
            for (String part : word.split("[^\\p{L}\\p{N}]+")) {
                if (part.length() >= MIN_NUMBER_IN_TEXT && !part.equals(word)) {
                    tokens.add(part);
                }
            }
            if (!tokens.isEmpty()) {
                words.add(tokens);
            }
        }
        return words;
    }

    /** Banks often upper-case the text; invoice numbers are stored as the ERP wrote them. */
    private static Collection<String> caseVariants(String token) {
        return new LinkedHashSet<>(List.of(token, token.toUpperCase(Locale.ROOT), token.toLowerCase(Locale.ROOT)));
    }

}
