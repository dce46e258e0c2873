package io.overdue.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers are stored in E.164 so that SMS providers and dialers take them as they are. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164, read in the customer's country when it has no country code.
     *
     * @throws IllegalArgumentException with a message fit for the caller when the number is not valid
     */
    public static String toE164(String input, String defaultCountry) {
        PhoneNumber number;
        try {
            number = UTIL.parse(input, defaultCountry);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new IllegalArgumentException("is not a valid phone number" +
                    (input.startsWith("+") ? "" : " for country " + defaultCountry + " (use E.164, e.g. +4791234567)"));
        }
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /**
     * Whether a text message can reach the number: a mobile number, or one the numbering plan cannot tell from a
     * fixed line (as in the US). False for fixed lines and for anything that does not parse.
     */
    public static boolean canReceiveSms(String number, String defaultCountry) {
        if (number == null || number.isBlank()) {
            return false;
        }
        try {
            PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(UTIL.parse(number, defaultCountry));
            return type == PhoneNumberUtil.PhoneNumberType.MOBILE
                    || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        } catch (NumberParseException e) {
            return false;
        }
    }
}
