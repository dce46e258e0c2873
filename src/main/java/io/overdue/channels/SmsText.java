package io.overdue.channels;

/**
 * How an SMS body is billed. A body of GSM-7 characters takes 160 per segment (153 when split); a single
 * other character makes the whole message UCS-2 at 70 (67), so a stray no-break space from a number format
 * can double the cost of a reminder.
 */
final class SmsText {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsText() {
    }

    /** The text with look-alike characters that locale formats produce replaced by their GSM-7 forms. */
    static String normalise(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2007', ' ').replace('\u2009', ' ')
                .replace('\u2010', '-').replace('\u2011', '-').replace('\u2013', '-').replace('\u2019', '\'')
                .strip();
    }

    static int segments(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int units = text.length();
                return units <= 70 ? 1 : (units + 66) / 67;
            }
        }
        return septets <= 160 ? 1 : (septets + 152) / 153;
    }
}
