package io.overdue.shared;

/** The structured payment reference a customer quotes when paying, which lets a payment find its invoice. */
public enum ReferenceType {
    /** Norwegian KID: 2–25 digits, last digit MOD10 (Luhn) or MOD11. */
    KID,
    /** Swedish OCR (bankgiro/plusgiro): 2–25 digits, Luhn check digit, optional length digit. */
    OCR,
    /** ISO 11649 creditor reference ("RF" + 2 check digits + up to 21 characters), used elsewhere in Europe. */
    RF;

    /** The scheme a customer's bank expects for a creditor in the given country. */
    public static ReferenceType forCountry(String countryCode) {
        return switch (countryCode == null ? "" : countryCode) {
            case "NO" -> KID;
            case "SE" -> OCR;
            default -> RF;
        };
    }
}
