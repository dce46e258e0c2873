package io.overdue.reports;

import io.overdue.reports.ReportPeriod.InvalidPeriodException;
import io.overdue.reports.ReportPeriod.InvalidPeriodException.Reason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The periods one picks, on a fixed today (Wednesday 13 May 2026), and the DSO countback's edges. */
class ReportPeriodTest {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 13);

    @Test
    void presetsEndTodayOrAtTheEndOfAPastMonthOrQuarter() {
        assertPeriod("this-month", "2026-05-01", "2026-05-13");
        assertPeriod("last-month", "2026-04-01", "2026-04-30");
        assertPeriod("this-quarter", "2026-04-01", "2026-05-13");
        assertPeriod("last-quarter", "2026-01-01", "2026-03-31");
        assertPeriod("last-12-months", "2025-05-14", "2026-05-13");
        assertThat(ReportPeriod.of(null, null, null, TODAY).preset()).isEqualTo(ReportPeriod.Preset.THIS_MONTH);
        assertThat(ReportPeriod.of("last-quarter", null, null, LocalDate.of(2026, 1, 10)))
                .extracting(ReportPeriod::from, ReportPeriod::to)
                .containsExactly(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31));
    }

    @Test
    void datesOfOnesOwnAreCutAtToday() {
        ReportPeriod period = ReportPeriod.of("custom", "2026-01-15", "2026-12-31", TODAY);
        assertThat(period.from()).isEqualTo("2026-01-15");
        assertThat(period.to()).isEqualTo(TODAY);
        assertThat(period.cutAtToday()).isTrue();
        assertThat(period.query()).isEqualTo("period=custom&from=2026-01-15&to=2026-05-13");
        assertThat(ReportPeriod.of(null, "2026-01-15", "2026-01-15", TODAY).cutAtToday()).isFalse();
    }

    @Test
    void theTimestampsOfAPeriodAreTheCreditorsDays() {
        ReportPeriod march = ReportPeriod.of(null, "2021-03-01", "2021-03-31", TODAY);
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        assertThat(march.start(oslo)).isEqualTo("2021-02-28T23:00:00Z");
        assertThat(march.end(oslo)).isEqualTo("2021-03-31T22:00:00Z"); // summer time from 28 March
        assertThat(march.dayBefore()).isEqualTo("2021-02-28");
    }

    @Test
    void aPeriodThatIsNotOneNamesTheField() {
        assertRefused("fortnight", null, null, "period", Reason.UNKNOWN_PERIOD);
        assertRefused("custom", null, "2026-01-31", "from", Reason.MISSING);
        assertRefused(null, "2026-01-01", "31.01.2026", "to", Reason.NOT_A_DATE);
        assertRefused(null, "2026-05-14", "2026-06-01", "from", Reason.AFTER_TODAY);
        assertRefused(null, "2026-02-01", "2026-01-31", "to", Reason.BEFORE_FROM);
    }

    /** The countback on hand-made sales: beyond its horizon, with nothing open, and within the first month. */
    @Test
    void theCountbackStopsAtItsHorizon() {
        LocalDate day = LocalDate.of(2026, 3, 31);
        TreeMap<LocalDate, BigDecimal> sales = new TreeMap<>();
        sales.put(day.minusDays(3), new BigDecimal("100"));
        // Only 100 sold in 24 months, 8050 open: every month counts whole, and the figure is a lower bound.
        Figures.Dso lowerBound = Reports.countback("ISK", new BigDecimal("8050"), sales, day);
        assertThat(lowerBound.beyondHorizon()).isTrue();
        assertThat(lowerBound.days()).isEqualByComparingTo("730"); // 1 April 2024 to 31 March 2026
        // Nothing open: no days.
        assertThat(Reports.countback("ISK", BigDecimal.ZERO, sales, day).days()).isEqualByComparingTo("0");
        // 50 open against 100 sold in the last month (31 days): half of it.
        assertThat(Reports.countback("ISK", new BigDecimal("50"), sales, day).days()).isEqualByComparingTo("15.5");
    }

    private static void assertPeriod(String preset, String from, String to) {
        ReportPeriod period = ReportPeriod.of(preset, null, null, TODAY);
        assertThat(period.from()).as(preset).isEqualTo(from);
        assertThat(period.to()).as(preset).isEqualTo(to);
        assertThat(period.query()).isEqualTo("period=" + preset);
    }

    private static void assertRefused(String preset, String from, String to, String field, Reason reason) {
        assertThatThrownBy(() -> ReportPeriod.of(preset, from, to, TODAY)).isInstanceOfSatisfying(InvalidPeriodException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }
}
