package io.overdue.shared;

import java.math.BigDecimal;

/** How amounts are shown: no trailing zeros beyond the cents, never fewer than two decimals. */
public final class Amounts {

    private Amounts() {
    }

    /**
     * An amount as a person types it: a comma or a point for the decimals, spaces (also non-breaking) between the
     * thousands, e.g. "1 000,50"; blank: null.
     *
     * @throws NumberFormatException when it is no amount
     */
    public static BigDecimal typed(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.strip().replace(" ", "").replace("\u00a0", "");
        if (digits.isEmpty()) {
            return null;
        }
        return new BigDecimal(digits.indexOf('.') < 0 ? digits.replace(',', '.') : digits);
    }

    public static BigDecimal forDisplay(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()));
    }

    /** "59.80 NOK": an amount with its currency as a form or a page shows it. */
    public static String withCurrency(BigDecimal amount, String currency) {
        return forDisplay(amount).toPlainString() + " " + currency;
    }

    /** "40.2 NOK": an amount with its currency, as short as it gets, for reasons and error messages. */
    public static String plain(BigDecimal amount, String currency) {
        return amount.stripTrailingZeros().toPlainString() + " " + currency;
    }
}
