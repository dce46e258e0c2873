package io.overdue.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of a report, as the page shows it and the CSV file holds it: columns with what kind of value each holds
 * (the page formats by kind in the user's language, the CSV writes plain values), and rows of values.
 *
 * @param name the table's name in the address ({@code /workbench/reports/aging.csv}) and in its message keys
 */
public record ReportTable(String name, List<Column> columns, List<List<Object>> rows) {

    /** What a column holds, and so how it is shown. */
    public enum Kind {
        /** As it is: a currency code, a level. */
        TEXT,
        /** A code shown in words ({@code reports.label.<code>}) on the page, as the code in the CSV. */
        LABEL,
        COUNT,
        /** An amount of money: hidden with the setting {@code overdue.reports.money-totals: managers}. */
        MONEY,
        PERCENT,
        DAYS;

        public boolean numeric() {
            return this != TEXT && this != LABEL;
        }
    }

    /** @param key the CSV header and the column's message key ({@code reports.column.<key>}) */
    public record Column(String key, Kind kind) {
    }

    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new ArrayList<>(row))).toList();
    }

    /** The same table without its money columns: for those who are not to see amounts. */
    ReportTable withoutMoney() {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind() != Kind.MONEY) {
                kept.add(i);
            }
        }
        return new ReportTable(name, kept.stream().map(columns::get).toList(),
                rows.stream().map(row -> kept.stream().map(row::get).toList()).toList());
    }

    /** Builds a table row by row. */
    static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        Builder column(String key, Kind kind) {
            columns.add(new Column(key, kind));
            return this;
        }

        /** Values in the order of the columns; null for none. */
        Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for " + columns.size() + " columns");
            }
            rows.add(java.util.Arrays.asList(values));
            return this;
        }

        ReportTable build() {
            return new ReportTable(name, columns, rows);
        }
    }

    /** A bar of a chart: its label (a code shown in words, after the group such as a currency) and its value. */
    public record Bar(String group, String label, Kind labelKind, BigDecimal value, Kind valueKind) {
    }

    /**
     * A horizontal bar chart drawn next to a table (which carries the same figures for screen readers and copying).
     *
     * @param title the chart's message key
     */
    public record Chart(String title, List<Bar> bars) {
        public Chart {
            bars = List.copyOf(bars);
        }

        /** The longest bar's value: the others are drawn in proportion to it. */
        public BigDecimal max() {
            return bars.stream().map(Bar::value).filter(java.util.Objects::nonNull).map(BigDecimal::abs)
                    .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        }

        /** The bar's length in percent of the chart's width for bars, 0–100. */
        public double length(Bar bar) {
            BigDecimal max = max();
            return bar.value() == null || max.signum() == 0 ? 0
                    : bar.value().abs().doubleValue() / max.doubleValue() * 100;
        }
    }

    /** A part of the report page: its charts and tables under one heading ({@code reports.section.<key>}). */
    public record Section(String key, List<Chart> charts, List<ReportTable> tables) {
    }
}
