package io.overdue.charges;

import java.time.LocalDate;

/** No row of the rate table applies: an operator has to add one (docs/charges.md). */
public class MissingRateException extends RuntimeException {

    private final String country;
    private final RateKind kind;
    private final LocalDate date;

    MissingRateException(String country, String tableCountry, RateKind kind, LocalDate date) {
        super("No " + kind + " in force for " + country
                + (country.equals(tableCountry) ? "" : " (using the " + tableCountry + " defaults)")
                + " on " + date + (kind.isSetPerHalfYear()
                ? ": this rate is set per half-year, add the row valid from " + halfYearStart(date)
                : ": add a row to statutory_rate"));
        this.country = country;
        this.kind = kind;
        this.date = date;
    }

    private static LocalDate halfYearStart(LocalDate date) {
        return LocalDate.of(date.getYear(), date.getMonthValue() <= 6 ? 1 : 7, 1);
    }

    public String country() {
        return country;
    }

    public RateKind kind() {
        return kind;
    }

    public LocalDate date() {
        return date;
    }
}
