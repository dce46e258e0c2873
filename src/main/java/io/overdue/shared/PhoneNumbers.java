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
}
