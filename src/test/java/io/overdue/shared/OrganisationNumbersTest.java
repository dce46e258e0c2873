package io.overdue.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationNumbersTest {

    @Test
    void norwegianNumbersCarryAMod11CheckDigit() {
        assertThat(OrganisationNumbers.problem("NO", "923609016")).isEmpty();
        assertThat(OrganisationNumbers.problem("NO", "923 609 016")).isEmpty();
        assertThat(OrganisationNumbers.problem("NO", "923609017")).contains("Norwegian organisation number check digit is wrong");
        assertThat(OrganisationNumbers.problem("NO", "92360901")).contains("Norwegian organisation number must be 9 digits");
    }

    @Test
    void swedishNumbersCarryALuhnCheckDigit() {
        assertThat(OrganisationNumbers.problem("SE", "556012-5790")).isEmpty();
        assertThat(OrganisationNumbers.problem("SE", "165560125790")).isEmpty();
        assertThat(OrganisationNumbers.problem("SE", "556012-5791")).contains("Swedish organisation number check digit is wrong");
    }

    @Test
    void otherCountriesAndMissingNumbersAreNotChecked() {
        assertThat(OrganisationNumbers.problem("DE", "HRB 12345")).isEmpty();
        assertThat(OrganisationNumbers.problem("NO", null)).isEmpty();
    }
}
