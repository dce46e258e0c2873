package io.overdue.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentReferencesTest {

    @Test
    void kidWithMod10CheckDigitIsValid() {
        // The classic Luhn example, and a KID built from an invoice number.
        assertThat(PaymentReferences.isValidKid("79927398713")).isTrue();
        assertThat(PaymentReferences.kidMod10("123456789")).isEqualTo("1234567897");
        assertThat(PaymentReferences.isValidKid("1234567897")).isTrue();
    }

    @Test
    void kidWithMod11CheckDigitIsValid() {
        // Norwegian account numbers use the same MOD11 (weights 2-7 from the right): 8601.11.17947 is valid.
        assertThat(PaymentReferences.isValidKid("86011117947")).isTrue();
        assertThat(PaymentReferences.kidMod11("1234567")).contains("12345674");
        assertThat(PaymentReferences.isValidKid("12345674")).isTrue();
    }

    @Test
    void mod11RemainderTenCannotBeIssuedAndElevenBecomesZero() {
        // 1000005: 5*2 + 1*2 = 12 → r = 1 → 11-1 = 10 → not issuable
        assertThat(PaymentReferences.kidMod11("1000005")).isEmpty();
        // 0000000: sum 0 → 11 → 0
        assertThat(PaymentReferences.kidMod11("0000000")).contains("00000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567898", "86011117940", "12A4567897", "1", "12345678901234567890123456", ""})
    void wrongCheckDigitsLettersAndLengthsAreRefused(String kid) {
        assertThat(PaymentReferences.isValidKid(kid)).isFalse();
        assertThat(PaymentReferences.problem(ReferenceType.KID, kid)).isPresent();
    }

    @Test
    void leadingZerosArePartOfTheKid() {
        String kid = PaymentReferences.kidMod10("000123");
        assertThat(kid).startsWith("000123").hasSize(7);
        assertThat(PaymentReferences.isValidKid(kid)).isTrue();
    }

    @Test
    void ocrWithLengthDigitFollowsBankgirot() {
        // Bankgirot's example: 123456, length digit 8, Luhn check digit 2.
        assertThat(PaymentReferences.ocrWithLengthDigit("123456")).isEqualTo("12345682");
        assertThat(PaymentReferences.isValidOcr("12345682", true)).isTrue();
    }

    @Test
    void ocrLengthDigitIsCheckedOnlyWhenRequired() {
        // Luhn-valid but the second-to-last digit does not give the length.
        assertThat(PaymentReferences.isValidOcr("1234567897", false)).isTrue();
        assertThat(PaymentReferences.isValidOcr("1234567897", true)).isFalse();
        assertThat(PaymentReferences.isValidOcr("12345683", false)).isFalse();
    }

    @Test
    void rfCreditorReferenceFollowsIso11649() {
        assertThat(PaymentReferences.isValidRf("RF18539007547034")).isTrue();
        assertThat(PaymentReferences.isValidRf("RF18 5390 0754 7034")).isTrue();
        assertThat(PaymentReferences.rf("539007547034")).isEqualTo("RF18539007547034");
        assertThat(PaymentReferences.isValidRf("RF19539007547034")).isFalse();
        assertThat(PaymentReferences.isValidRf("XX18539007547034")).isFalse();
        assertThat(PaymentReferences.isValidRf(PaymentReferences.rf("INV2026A17"))).isTrue();
    }

    @Test
    void generatorsRefuseBodiesTheyCannotTurnIntoReferences() {
        assertThatThrownBy(() -> PaymentReferences.kidMod10("12a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentReferences.kidMod10("1234567890123456789012345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentReferences.rf("ÆØÅ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemeFollowsTheCustomersCountry() {
        assertThat(ReferenceType.forCountry("NO")).isEqualTo(ReferenceType.KID);
        assertThat(ReferenceType.forCountry("SE")).isEqualTo(ReferenceType.OCR);
        assertThat(ReferenceType.forCountry("DE")).isEqualTo(ReferenceType.RF);
    }
}
