package io.overdue.shared;

import java.util.Optional;

/** National business registration numbers that carry a check digit, so typos are caught at intake. */
public final class OrganisationNumbers {

    private OrganisationNumbers() {
    }

    /** Why the number is invalid for the country, or empty if it is valid or the country has no rule here. */
    public static Optional<String> problem(String country, String organisationNumber) {
        if (organisationNumber == null || organisationNumber.isBlank()) {
            return Optional.empty();
        }
        String digits = organisationNumber.replaceAll("[\\s-]", "");
        return switch (country == null ? "" : country) {
            case "NO" -> norwegian(digits);
            case "SE" -> swedish(digits);
            default -> Optional.empty();
        };
    }

    /** Brønnøysund organisasjonsnummer: 9 digits, MOD11 with weights 3,2,7,6,5,4,3,2. */
    private static Optional<String> norwegian(String digits) {
        if (!digits.matches("\\d{9}")) {
            return Optional.of("Norwegian organisation number must be 9 digits");
        }
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits.charAt(8) - '0'
                ? Optional.empty() : Optional.of("Norwegian organisation number check digit is wrong");
    }

    /** Bolagsverket organisationsnummer (or personnummer for sole traders): 10 digits, Luhn. */
    private static Optional<String> swedish(String digits) {
        String ten = digits.length() == 12 ? digits.substring(2) : digits;
        if (!ten.matches("\\d{10}")) {
            return Optional.of("Swedish organisation number must be 10 digits (NNNNNN-NNNN)");
        }
        return PaymentReferences.luhnCheckDigit(ten.substring(0, 9)) == ten.charAt(9) - '0'
                ? Optional.empty() : Optional.of("Swedish organisation number check digit is wrong");
    }
}
