package io.overdue.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.Locale;

/**
 * The days a report covers, both included, in the creditor's time zone. A period never ends after today: what is
 * measured at its end (receivables, their age, open disputes) is measured on a day that has happened.
 *
 * @param cutAtToday the asked end was later than today, and today was taken instead
 */
public record ReportPeriod(Preset preset, LocalDate from, LocalDate to, boolean cutAtToday) {

    /** The periods one picks from a list; {@code CUSTOM} takes the from and to dates given. */
    public enum Preset {
        THIS_MONTH, LAST_MONTH, THIS_QUARTER, LAST_QUARTER, LAST_12_MONTHS, CUSTOM;

        /** As in the address: {@code last-month}. */
        public String param() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Preset of(String param) {
            return Arrays.stream(values()).filter(p -> p.param().equals(param)).findFirst().orElse(null);
        }
    }

    /** Why the period asked for cannot be used, and which parameter is at fault. */
    public static final class InvalidPeriodException extends RuntimeException {
        /** What is wrong, for the page's message in the user's language. */
        public enum Reason { UNKNOWN_PERIOD, MISSING, NOT_A_DATE, AFTER_TODAY, BEFORE_FROM }

        private final String field;
        private final Reason reason;
        private final String value;

        private final String detail;

        InvalidPeriodException(String field, Reason reason, String value, String detail) {
            super(field + ": " + detail);
            this.field = field;
            this.reason = reason;
            this.value = value;
            this.detail = detail;
        }

        /** What is wrong with the field, in English, without its name (for problem details, which name it apart). */
        public String detail() {
            return detail;
        }

        public String field() {
            return field;
        }

        public Reason reason() {
            return reason;
        }

        public String value() {
            return value;
        }
    }

    /**
     * The period named by the request's parameters: {@code period} (a {@link Preset#param()}; {@code this-month} when
     * neither it nor dates are given), or {@code from} and {@code to} as ISO dates ({@code 2026-01-31}).
     *
     * @throws InvalidPeriodException naming the parameter at fault
     */
    public static ReportPeriod of(String period, String from, String to, LocalDate today) {
        boolean datesGiven = present(from) || present(to);
        Preset preset = present(period) ? Preset.of(period.strip()) : datesGiven ? Preset.CUSTOM : Preset.THIS_MONTH;
        if (preset == null) {
            throw new InvalidPeriodException("period", InvalidPeriodException.Reason.UNKNOWN_PERIOD, period,
                    "must be one of " + Arrays.stream(Preset.values()).map(Preset::param).toList() + ", not " + period);
        }
        LocalDate quarterStart = today.withDayOfMonth(1).withMonth((today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
        return switch (preset) {
            case THIS_MONTH -> new ReportPeriod(preset, today.withDayOfMonth(1), today, false);
            case LAST_MONTH -> new ReportPeriod(preset, today.withDayOfMonth(1).minusMonths(1),
                    today.withDayOfMonth(1).minusDays(1), false);
            case THIS_QUARTER -> new ReportPeriod(preset, quarterStart, today, false);
            case LAST_QUARTER -> new ReportPeriod(preset, quarterStart.minusMonths(3), quarterStart.minusDays(1), false);
            case LAST_12_MONTHS -> new ReportPeriod(preset, today.minusMonths(12).plusDays(1), today, false);
            case CUSTOM -> custom(date("from", from), date("to", to), today);
        };
    }

    private static ReportPeriod custom(LocalDate from, LocalDate to, LocalDate today) {
        if (from.isAfter(today)) {
            throw new InvalidPeriodException("from", InvalidPeriodException.Reason.AFTER_TODAY, from.toString(),
                    "must not be after today, " + today);
        }
        if (to.isBefore(from)) {
            throw new InvalidPeriodException("to", InvalidPeriodException.Reason.BEFORE_FROM, to.toString(),
                    "must not be before from, " + from);
        }
        return to.isAfter(today) ? new ReportPeriod(Preset.CUSTOM, from, today, true)
                : new ReportPeriod(Preset.CUSTOM, from, to, false);
    }

    private static LocalDate date(String field, String value) {
        if (!present(value)) {
            throw new InvalidPeriodException(field, InvalidPeriodException.Reason.MISSING, value,
                    "a date is needed for a period of one's own (yyyy-mm-dd)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidPeriodException(field, InvalidPeriodException.Reason.NOT_A_DATE, value,
                    "'" + value + "' is not a date as yyyy-mm-dd");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The last day before the period: the receivables it opens with are those at that day's end. */
    public LocalDate dayBefore() {
        return from.minusDays(1);
    }

    /** The first moment of the period in the zone, for timestamps. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first moment after the period in the zone, for timestamps. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The period's parameters as an address's query, for links (the CSV files) that ask for the same period. */
    public String query() {
        return "period=" + preset.param() + (preset == Preset.CUSTOM ? "&from=" + from + "&to=" + to : "");
    }
}
