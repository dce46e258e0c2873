package io.overdue.shared;

import java.math.BigDecimal;

/** How amounts are shown: no trailing zeros beyond the cents, never fewer than two decimals. */
public final class Amounts {

    private Amounts() {
    }

    public static BigDecimal forDisplay(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()));
    }
}
