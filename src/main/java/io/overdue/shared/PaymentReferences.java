package io.overdue.shared;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Check-digit rules for KID, OCR and RF references. References are always digit strings, never numbers:
 * leading zeros are part of the reference.
 */
public final class PaymentReferences {

    public static final int MIN_DIGITS = 2;
    public static final int MAX_DIGITS = 25;

    private PaymentReferences() {
    }

    /** Why the reference is not valid for the scheme, or empty when it is. */
    public static Optional<String> problem(ReferenceType type, String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.of("must not be blank");
        }
        return switch (type) {
            case KID -> kidProblem(reference);
            case OCR -> ocrProblem(reference, false);
            case RF -> rfProblem(reference);
        };
    }

    public static boolean isValidKid(String kid) {
        return kidProblem(kid).isEmpty();
    }

    /** OCR validity; {@code requireLengthDigit} enforces the bankgiro "hard" check of the length digit as well. */
    public static boolean isValidOcr(String ocr, boolean requireLengthDigit) {
        return ocrProblem(ocr, requireLengthDigit).isEmpty();
    }

    public static boolean isValidRf(String rf) {
        return rfProblem(rf).isEmpty();
    }

    /** KID with a MOD10 check digit appended: the variant every Norwegian bank accepts. */
    public static String kidMod10(String body) {
        requireDigits(body, MAX_DIGITS - 1);
        return body + luhnCheckDigit(body);
    }

    /** KID with a MOD11 check digit appended; empty when the body yields remainder 10, which cannot be issued. */
    public static Optional<String> kidMod11(String body) {
        requireDigits(body, MAX_DIGITS - 1);
        int check = mod11CheckDigit(body);
        return check < 0 ? Optional.empty() : Optional.of(body + check);
    }

    /** OCR with a length digit (total length mod 10) and a Luhn check digit appended. */
    public static String ocrWithLengthDigit(String body) {
        requireDigits(body, MAX_DIGITS - 2);
        String withLength = body + ((body.length() + 2) % 10);
        return withLength + luhnCheckDigit(withLength);
    }

    /** ISO 11649 creditor reference for an alphanumeric body of up to 21 characters. */
    public static String rf(String body) {
        String normalized = body.toUpperCase(Locale.ROOT);
        if (normalized.isEmpty() || normalized.length() > 21 || !normalized.chars().allMatch(PaymentReferences::isAlnum)) {
            throw new IllegalArgumentException("RF body must be 1-21 letters or digits");
        }
        int remainder = mod97(normalized + "RF00");
        int check = 98 - remainder;
        return "RF" + (check < 10 ? "0" : "") + check + normalized;
    }

    static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    /** Weights 2..7 from the right; 11 - r, where 11 gives 0 and 10 gives -1 (not issuable). */
    static int mod11CheckDigit(String digits) {
        int sum = 0;
        int weight = 2;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += (digits.charAt(i) - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    private static Optional<String> kidProblem(String kid) {
        Optional<String> format = digitsProblem(kid);
        if (format.isPresent()) {
            return format;
        }
        String body = kid.substring(0, kid.length() - 1);
        int last = kid.charAt(kid.length() - 1) - '0';
        if (luhnCheckDigit(body) == last || mod11CheckDigit(body) == last) {
            return Optional.empty();
        }
        return Optional.of("KID check digit is wrong (neither MOD10 nor MOD11)");
    }

    private static Optional<String> ocrProblem(String ocr, boolean requireLengthDigit) {
        Optional<String> format = digitsProblem(ocr);
        if (format.isPresent()) {
            return format;
        }
        String body = ocr.substring(0, ocr.length() - 1);
        if (luhnCheckDigit(body) != ocr.charAt(ocr.length() - 1) - '0') {
            return Optional.of("OCR check digit is wrong (Luhn)");
        }
        if (requireLengthDigit && (ocr.length() < 3 || ocr.charAt(ocr.length() - 2) - '0' != ocr.length() % 10)) {
            return Optional.of("OCR length digit is wrong");
        }
        return Optional.empty();
    }

    private static Optional<String> rfProblem(String rf) {
        String compact = rf.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 5 || compact.length() > 25 || !compact.startsWith("RF")
                || !Character.isDigit(compact.charAt(2)) || !Character.isDigit(compact.charAt(3))
                || !compact.chars().allMatch(PaymentReferences::isAlnum)) {
            return Optional.of("RF reference must be 'RF', two check digits and 1-21 letters or digits");
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        return mod97(rearranged) == 1 ? Optional.empty() : Optional.of("RF check digits are wrong");
    }

    private static Optional<String> digitsProblem(String value) {
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("must contain digits only");
        }
        if (value.length() < MIN_DIGITS || value.length() > MAX_DIGITS) {
            return Optional.of("must be " + MIN_DIGITS + "-" + MAX_DIGITS + " digits long");
        }
        return Optional.empty();
    }

    private static int mod97(String alnum) {
        StringBuilder numeric = new StringBuilder();
        for (char c : alnum.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    private static boolean isAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private static void requireDigits(String body, int maxLength) {
        if (body == null || body.isEmpty() || body.length() > maxLength || !body.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("reference body must be 1-" + maxLength + " digits");
        }
    }
}
