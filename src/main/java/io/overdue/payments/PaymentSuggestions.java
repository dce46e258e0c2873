package io.overdue.payments;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.Amounts;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The invoices a collector may want for a payment the matcher could not place: the candidates of an AMBIGUOUS one,
 * and for an UNMATCHED one the best guesses (an invoice whose reference or number is one slip away from what the
 * payer wrote, the open invoices of customers whose name resembles the payer, the invoices whose open balance is the
 * amount). Only invoices that could take the payment are suggested: open, in its currency, with an open balance at
 * least the amount; anything else would only be refused when booked. A few queries, most of them on an index; at most
 * {@link #MAX} suggestions, the likeliest first. Only reads.
 */
@Component
class PaymentSuggestions {

    /** More than this many choices helps no one; the collector can still type any invoice number. */
    static final int MAX = 10;
    /** The customers of a resembling name read, and those of them (sharing the most words) whose invoices count. */
    private static final int MAX_CUSTOMERS_READ = 50;
    private static final int MAX_CUSTOMERS = 5;
    private static final int MAX_SAME_BALANCE = MAX;
    /** Numbers in the text whose one-digit slips are looked up; each gives ten or so look-ups per digit. */
    private static final int MAX_NUMBERS_IN_TEXT = 5;
    private static final int MAX_DIGITS = 25;

    /** How strongly each kind of hint points at an invoice; an invoice with several hints adds them up. */
    enum Hint {
        CANDIDATE(100), REFERENCE(90), NUMBER_IN_TEXT(70), REFERENCE_ONE_DIGIT_OFF(60), REFERENCE_IS_NUMBER(50),
        NUMBER_ONE_DIGIT_OFF(40), SAME_BALANCE(35), PAYER_NAMED_SO(40), PAYER_RESEMBLES(20);

        final int weight;

        Hint(int weight) {
            this.weight = weight;
        }
    }

    /** One suggested invoice and why: {@code why} in words, strongest hint first. */
    record Suggestion(String invoiceNumber, String customerNumber, String customerName, BigDecimal openBalance,
                      String currency, LocalDate dueDate, List<String> why, int score) {

        /** One line for a radio button: the invoice, its customer, balance, due date and why. */
        String label() {
            return invoiceNumber + " · " + customerName + " (" + customerNumber + ") · open "
                    + Amounts.forDisplay(openBalance).toPlainString() + " " + currency + " · due " + dueDate + " · "
                    + String.join("; ", why);
        }
    }

    private final InvoiceService invoices;
    private final CustomerService customers;

    PaymentSuggestions(InvoiceService invoices, CustomerService customers) {
        this.invoices = invoices;
        this.customers = customers;
    }

    List<Suggestion> suggest(BankPayment payment) {
        Found found = new Found(payment);
        if (!payment.candidates().isEmpty()) {
            invoices.findByNumbers(payment.candidates()).values()
                    .forEach(invoice -> found.add(invoice, Hint.CANDIDATE, "a candidate of the automatic match"));
        }
        byReference(payment, found);
        byNumbersInText(payment, found);
        byPayer(payment, found);
        invoices.openWithBalance(payment.currency(), payment.amount(), MAX_SAME_BALANCE)
                .forEach(invoice -> found.add(invoice, Hint.SAME_BALANCE, "its open balance is the amount paid"));
        return found.ranked();
    }

    /** The reference itself, its one-digit slips that pass the check digit, and the invoice number it may be. */
    private void byReference(BankPayment payment, Found found) {
        if (payment.reference() == null) {
            return;
        }
        String reference = PaymentMatcher.compact(payment.reference());
        invoices.findByPaymentReference(reference)
                .forEach(invoice -> found.add(invoice, Hint.REFERENCE, "its reference is the one paid"));
        if (reference.chars().allMatch(Character::isDigit) && reference.length() <= MAX_DIGITS) {
            Set<String> slips = new LinkedHashSet<>();
            oneSlipAway(reference).stream().filter(PaymentMatcher::trusted).forEach(slips::add);
            invoices.findByPaymentReferences(slips).forEach(invoice -> found.add(invoice, Hint.REFERENCE_ONE_DIGIT_OFF,
                    "its reference " + invoice.paymentReference() + " is one digit off the reference paid "
                            + payment.reference()));
            if (reference.length() > PaymentMatcher.MIN_NUMBER_IN_TEXT) {
                // A KID made from the invoice number is the number and a check digit.
                String body = reference.substring(0, reference.length() - 1);
                invoices.findByNumbers(List.of(body)).values().forEach(invoice -> found.add(invoice,
                        Hint.REFERENCE_IS_NUMBER, "the reference paid is its number and a check digit"));
            }
        }
    }

    /** Invoice numbers in the text, as written and one digit off (a slip of a key or two digits swapped). */
    private void byNumbersInText(BankPayment payment, Found found) {
        if (payment.text() == null) {
            return;
        }
        Set<String> tokens = new LinkedHashSet<>();
        PaymentMatcher.words(payment.text()).forEach(tokens::addAll);
        Map<String, Invoice> exact = invoices.findByNumbers(tokens);
        exact.values().forEach(invoice -> found.add(invoice, Hint.NUMBER_IN_TEXT, "its text names this invoice"));
        Map<String, String> slips = new LinkedHashMap<>();
        tokens.stream().filter(token -> token.chars().filter(Character::isDigit).count() >= PaymentMatcher.MIN_NUMBER_IN_TEXT
                        && token.length() <= MAX_DIGITS)
                .limit(MAX_NUMBERS_IN_TEXT)
                .forEach(token -> oneSlipAway(token).forEach(slip -> slips.putIfAbsent(slip, token)));
        exact.keySet().forEach(slips::remove);
        invoices.findByNumbers(slips.keySet()).values().forEach(invoice -> found.add(invoice, Hint.NUMBER_ONE_DIGIT_OFF,
                "its text names " + slips.get(invoice.invoiceNumber()) + ", one digit off this number"));
    }

    /** The open invoices of the customers whose name resembles the payer's, the same name counting most. */
    private void byPayer(BankPayment payment, Found found) {
        if (payment.payer() == null) {
            return;
        }
        String payer = name(payment.payer());
        Set<String> payerWords = words(payer);
        // The customers of exactly this name first, whatever else resembles it: among many customers sharing a common
        // word the resembling look-up reads only the first few.
        List<CustomerRef> named = customers.findByName(payment.payer());
        Set<Long> namedIds = new java.util.HashSet<>();
        named.forEach(customer -> namedIds.add(customer.id()));
        List<CustomerRef> resembling = new ArrayList<>(named);
        customers.findByNameResembling(payment.payer(), MAX_CUSTOMERS_READ).stream()
                .filter(customer -> !namedIds.contains(customer.id()))
                .sorted(Comparator.comparing((CustomerRef customer) -> -shared(words(name(customer.name())), payerWords)))
                .limit(Math.max(0, MAX_CUSTOMERS - named.size())).forEach(resembling::add);
        for (CustomerRef customer : resembling) {
            boolean same = name(customer.name()).equals(payer);
            Hint hint = same ? Hint.PAYER_NAMED_SO : Hint.PAYER_RESEMBLES;
            String why = same ? "the payer is this customer" : "the payer " + payment.payer() + " resembles the customer";
            found.customers.put(customer.id(), customer);
            invoices.openInvoices(customer.id()).forEach(invoice -> found.add(invoice, hint, why));
        }
    }

    /**
     * Every string one slip away from {@code token}: one digit replaced by another, or two neighbouring characters
     * swapped. Only digits are changed; letters stay as written.
     */
    static Set<String> oneSlipAway(String token) {
        Set<String> slips = new LinkedHashSet<>();
        char[] chars = token.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (!Character.isDigit(chars[i])) {
                continue;
            }
            char own = chars[i];
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != own) {
                    chars[i] = digit;
                    slips.add(new String(chars));
                }
            }
            chars[i] = own;
        }
        for (int i = 0; i + 1 < chars.length; i++) {
            if (chars[i] != chars[i + 1]) {
                char[] swapped = chars.clone();
                swapped[i] = chars[i + 1];
                swapped[i + 1] = chars[i];
                slips.add(new String(swapped));
            }
        }
        slips.remove(token);
        return slips;
    }

    private static String name(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Set<String> words(String name) {
        return java.util.Arrays.stream(name.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static int shared(Set<String> words, Set<String> others) {
        return (int) words.stream().filter(others::contains).count();
    }

    /** The invoices found so far with their hints, the customers known, and the payment they are for. */
    private final class Found {

        private final BankPayment payment;
        private final Map<String, Invoice> found = new LinkedHashMap<>();
        private final Map<String, Map<Hint, String>> hints = new HashMap<>();
        private final Map<Long, CustomerRef> customers = new HashMap<>();

        Found(BankPayment payment) {
            this.payment = payment;
        }

        /**
         * Keeps the invoice when it could take the payment (open, in its currency; more than it owes becomes the
         * customer's credit); the first reason of each kind of hint counts.
         */
        void add(Invoice invoice, Hint hint, String why) {
            if (invoice.status().isClosed() || !invoice.currency().equals(payment.currency())) {
                return;
            }
            found.putIfAbsent(invoice.invoiceNumber(), invoice);
            hints.computeIfAbsent(invoice.invoiceNumber(), n -> new java.util.EnumMap<>(Hint.class)).putIfAbsent(hint, why);
        }

        List<Suggestion> ranked() {
            List<Suggestion> all = new ArrayList<>();
            for (Invoice invoice : found.values()) {
                Map<Hint, String> own = hints.get(invoice.invoiceNumber());
                List<Map.Entry<Hint, String>> strongestFirst = own.entrySet().stream()
                        .sorted(Comparator.comparingInt((Map.Entry<Hint, String> e) -> e.getKey().weight).reversed()).toList();
                int score = own.keySet().stream().mapToInt(hint -> hint.weight).sum();
                all.add(new Suggestion(invoice.invoiceNumber(), null, null, invoice.openBalance(), invoice.currency(),
                        invoice.dueDate(), strongestFirst.stream().map(Map.Entry::getValue).toList(), score));
            }
            all.sort(Comparator.comparingInt(Suggestion::score).reversed().thenComparing(Suggestion::dueDate)
                    .thenComparing(Suggestion::invoiceNumber));
            return all.stream().limit(MAX).map(this::withCustomer).toList();
        }

        private Suggestion withCustomer(Suggestion suggestion) {
            Invoice invoice = found.get(suggestion.invoiceNumber());
            CustomerRef customer = customers.computeIfAbsent(invoice.customerId(),
                    id -> PaymentSuggestions.this.customers.ref(id).orElseThrow());
            return new Suggestion(suggestion.invoiceNumber(), customer.customerNumber(), customer.name(),
                    suggestion.openBalance(), suggestion.currency(), suggestion.dueDate(), suggestion.why(),
                    suggestion.score());
        }
    }
}
