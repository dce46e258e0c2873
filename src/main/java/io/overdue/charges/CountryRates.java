package io.overdue.charges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The rows that apply to one country, read once so that a long interest period costs one query. */
final class CountryRates {

    private final String country;
    private final String tableCountry;
    private final List<StatutoryRate> rows;

    CountryRates(String country, String tableCountry, List<StatutoryRate> rows) {
        this.country = country;
        this.tableCountry = tableCountry;
        this.rows = rows.stream().sorted(Comparator.comparing(StatutoryRate::validFrom).reversed()).toList();
    }

    String country() {
        return country;
    }

    boolean defines(RateKind kind) {
        return rows.stream().anyMatch(row -> row.kind() == kind);
    }

    Optional<StatutoryRate> find(RateKind kind, LocalDate on) {
        return rows.stream()
                .filter(row -> row.kind() == kind && !row.validFrom().isAfter(on))
                .findFirst()
                .filter(latest -> latest.lapsesAfter().map(last -> !on.isAfter(last)).orElse(true));
    }

    StatutoryRate require(RateKind kind, LocalDate on) {
        return find(kind, on).orElseThrow(() -> new MissingRateException(country, tableCountry, kind, on));
    }

    /**
     * The rows that make up the late-interest rate on a day: the published rate where the country has one
     * (Norway), else the reference rate plus the margin (Sweden, the EU default).
     */
    List<StatutoryRate> lateInterestRows(LocalDate on) {
        if (defines(RateKind.LATE_INTEREST_RATE)) {
            return List.of(require(RateKind.LATE_INTEREST_RATE, on));
        }
        return List.of(require(RateKind.REFERENCE_RATE, on), require(RateKind.LATE_INTEREST_MARGIN, on));
    }

    static BigDecimal percentOf(List<StatutoryRate> lateInterestRows) {
        return lateInterestRows.stream().map(StatutoryRate::figure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
