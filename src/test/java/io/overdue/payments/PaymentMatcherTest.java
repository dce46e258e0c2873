package io.overdue.payments;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of matching that need no database: which words a text offers as invoice numbers, which references count. */
class PaymentMatcherTest {

    @Test
    void wordsAreTrimmedOfPunctuationAndOfferTheirPartsAfterThemselves() {
        assertThat(PaymentMatcher.words("Faktura: INV-2026-0042, 12 og (7001). x"))
                .containsExactly(List.of("Faktura"), List.of("INV-2026-0042", "2026", "0042"), List.of("7001"));
    }

    @Test
    void shortTokensAreNeverInvoiceNumbers() {
        assertThat(PaymentMatcher.words("nr 123 a-1 1.5")).isEmpty();
    }

    @Test
    void onlyReferencesWithRightCheckDigitsAreTrusted() {
        assertThat(PaymentMatcher.trusted(PaymentMatcher.compact("7001 1"))).isTrue();     // KID MOD10 of 7001
        assertThat(PaymentMatcher.trusted(PaymentMatcher.compact("7001 7"))).isTrue();     // and its MOD11
        assertThat(PaymentMatcher.trusted(PaymentMatcher.compact("70018"))).isFalse();
        assertThat(PaymentMatcher.trusted(PaymentMatcher.compact("rf18 5390 0754 7034"))).isTrue();
        assertThat(PaymentMatcher.trusted("RF19539007547034")).isFalse();
        assertThat(PaymentMatcher.trusted("ABC123")).isFalse();
    }
}
