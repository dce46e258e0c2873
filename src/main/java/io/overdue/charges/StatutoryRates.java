package io.overdue.charges;

import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Looks up the statutory figures in force for a country on a day. */
@Service
public class StatutoryRates {

    static final String EU_DEFAULT = "EU";

    private final RateTable table;
    private final ChargesProperties properties;

    StatutoryRates(RateTable table, ChargesProperties properties) {
        this.table = table;
        this.properties = properties;
    }

    /** @throws MissingRateException naming the country, kind and date when no row applies */
    public StatutoryRate inForce(String country, RateKind kind, LocalDate on) {
        return of(country).require(kind, on);
    }

    /** The annual late-interest rate in percent on a day, e.g. 12.5 for Norway in 1H 2025. */
    public BigDecimal lateInterestPercent(String country, LocalDate on) {
        return CountryRates.percentOf(of(country).lateInterestRows(on));
    }

    /**
     * A country with rows of its own uses only those, so that a gap in, say, the Swedish reference rate fails
     * instead of quietly taking the ECB rate; EU/EEA countries without rows take the EU defaults.
     */
    CountryRates of(String country) {
        String code = normalised(country);
        List<StatutoryRate> own = table.rowsOf(code);
        if (own.isEmpty() && properties.euDefaultCountries().contains(code)) {
            return new CountryRates(code, EU_DEFAULT, table.rowsOf(EU_DEFAULT));
        }
        return new CountryRates(code, code, own);
    }

    private static String normalised(String country) {
        if (country == null || country.isBlank()) {
            throw new IllegalArgumentException("A country is required to find statutory rates");
        }
        return country.trim().toUpperCase(Locale.ROOT);
    }
}
