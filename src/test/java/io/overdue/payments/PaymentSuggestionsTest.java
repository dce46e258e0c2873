package io.overdue.payments;

import io.overdue.customers.CustomerKind;
import io.overdue.customers.CustomerRequest;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.InvoiceIntake;
import io.overdue.invoices.InvoiceRequest;
import io.overdue.invoices.InvoiceService;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PaymentSuggestions} on invoices made here: what each hint finds, what is left out, the order and the limit. */
class PaymentSuggestionsTest extends ApplicationTest {


    private static final LocalDate TODAY = LocalDate.now(CREDITOR_ZONE);

    @Autowired PaymentSuggestions suggestions;
    @Autowired CustomerService customers;
    @Autowired InvoiceIntake intake;
    @Autowired InvoiceService invoices;

    String customer(String name) {
        String number = unique("S");
        customers.upsert(number, new CustomerRequest(name, null, CustomerKind.BUSINESS, "NO", "nb", "ar@example.com",
                null, null, null, false, false, List.of()));
        return number;
    }

    /** An open invoice due in {@code dueInDays}; returns its number. */
    String invoice(String customer, String currency, String amount, int dueInDays) {
        String number = uniqueDigits();
        intake.accept(List.of(new InvoiceRequest(number, customer, TODAY.minusDays(30).toString(),
                TODAY.plusDays(dueInDays).toString(), currency, new BigDecimal(amount), null, null, null, null)),
                InvoiceIntake.Locator.SINGLE);
        return number;
    }

    static BankPayment payment(String amount, String currency, String reference, String text, String payer,
                               List<String> candidates) {
        return new BankPayment("P", new BigDecimal(amount), currency, TODAY, null, reference, text, payer, null, null,
                PaymentSource.API, candidates.isEmpty() ? BankPaymentStatus.UNMATCHED : BankPaymentStatus.AMBIGUOUS,
                null, null, candidates, "not matched", null, Instant.now(), null, 0);
    }

    static List<String> numbers(List<PaymentSuggestions.Suggestion> found) {
        return found.stream().map(PaymentSuggestions.Suggestion::invoiceNumber).toList();
    }

    @Test
    void slipsAreOneDigitReplacedOrTwoNeighboursSwapped() {
        assertThat(PaymentSuggestions.oneSlipAway("1234")).hasSize(9 * 4 + 3).contains("1334", "2134", "1243")
                .doesNotContain("1234", "12345");
        assertThat(PaymentSuggestions.oneSlipAway("INV-12")).contains("INV-13", "INV-21", "NIV-12")
                .allMatch(slip -> slip.length() == 6);
    }

    @Test
    void aKidWithOneMistypedDigitSuggestsTheInvoiceItWasMeantFor() {
        String number = invoice(customer(unique("Kid Slip ")), "NOK", "2500", 10);
        String kid = invoices.find(number).orElseThrow().paymentReference();
        char first = kid.charAt(0);
        String mistyped = (first == '9' ? '1' : (char) (first + 1)) + kid.substring(1);

        List<PaymentSuggestions.Suggestion> found = suggestions.suggest(payment("1000", "NOK", mistyped, null, null, List.of()));

        assertThat(numbers(found)).startsWith(number);
        assertThat(found.get(0).why()).anySatisfy(why -> assertThat(why).contains("one digit off", kid));
        assertThat(found.get(0).label()).contains(number, "open 2500.00 NOK", "due " + TODAY.plusDays(10));
    }

    @Test
    void theCustomerNamedByThePayerComesBeforeOneWhoseNameOnlyResemblesIt() {
        String word = unique("Nordavind");
        String same = invoice(customer(word + " Bygg AS"), "NOK", "900", 20);
        String resembling = invoice(customer(word + " Eiendom AS"), "NOK", "900", 5);

        List<PaymentSuggestions.Suggestion> found = suggestions.suggest(payment("400", "NOK", null, null,
                word.toUpperCase() + "  BYGG AS", List.of()));

        assertThat(numbers(found)).containsSubsequence(same, resembling);
        assertThat(found.get(numbers(found).indexOf(same)).why()).containsExactly("the payer is this customer");
    }

    @Test
    void onlyOpenInvoicesInThePaymentsCurrencyAreSuggestedAtMostTenTheStrongestFirst() {
        String customer = customer(unique("Mengde "));
        String amount = "4321.98";
        String candidate = invoice(customer, "NOK", "9000", 40);
        List<String> sameBalance = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            sameBalance.add(invoice(customer, "NOK", amount, i));
        }
        String otherCurrency = invoice(customer, "SEK", amount, 1);
        // Owing less than the amount is no bar: the rest of the payment becomes the customer's credit.
        String smaller = invoice(customer, "NOK", "4000", 1);
        String named = invoice(customer, "NOK", "5000", 60);

        List<PaymentSuggestions.Suggestion> found = suggestions.suggest(payment(amount, "NOK", null,
                "Faktura " + named + " og " + smaller, null, List.of(candidate, otherCurrency)));

        assertThat(found).hasSize(PaymentSuggestions.MAX);
        assertThat(numbers(found)).startsWith(candidate).doesNotContain(otherCurrency)
                .containsSubsequence(sameBalance.subList(0, 7));
        assertThat(numbers(found).subList(1, 3)).containsExactlyInAnyOrder(named, smaller);
        assertThat(found.get(3).why()).containsExactly("its open balance is the amount paid");
    }
}
