package io.overdue.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    @Test
    void e164NumbersAreKeptAsTheyAre() {
        assertThat(PhoneNumbers.toE164("+4791234567", "NO")).isEqualTo("+4791234567");
        assertThat(PhoneNumbers.toE164("+46701234567", null)).isEqualTo("+46701234567");
    }

    @Test
    void nationalNumbersAreReadInTheCustomersCountry() {
        assertThat(PhoneNumbers.toE164("912 34 567", "NO")).isEqualTo("+4791234567");
        assertThat(PhoneNumbers.toE164("070-123 45 67", "SE")).isEqualTo("+46701234567");
    }

    @Test
    void impossibleNumbersAreRefused() {
        assertThatThrownBy(() -> PhoneNumbers.toE164("+47123", "NO")).hasMessageContaining("not a valid phone number");
        assertThatThrownBy(() -> PhoneNumbers.toE164("call me", "NO")).hasMessageContaining("not a phone number");
        assertThatThrownBy(() -> PhoneNumbers.toE164("12345", "NO")).hasMessageContaining("use E.164");
    }
}
