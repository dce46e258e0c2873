package io.overdue.dunning;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timings the model reads, at a fixed "now" (Monday 23 November 2026, 10:00 in Oslo). */
class DunningScheduleTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Instant NOW = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, OSLO).toInstant();

    final DunningSchedule schedule = new DunningSchedule(DunningProperties.defaults(),
            Clock.fixed(NOW, OSLO));

    @Test
    void theCourtesyWindowOpensAWeekBeforeTheDueDate() {
        // First reminder: due 1 December + 3 days' grace, 09:12 → the window opens 24 November 09:12.
        Date firstReminder = Date.from(ZonedDateTime.of(2026, 12, 4, 9, 12, 0, 0, OSLO).toInstant());
        assertThat(schedule.courtesyWindowOpens(firstReminder))
                .isEqualTo(Date.from(ZonedDateTime.of(2026, 11, 24, 9, 12, 0, 0, OSLO).toInstant()));
    }

    @Test
    void aPromiseIsCheckedTwoDaysAfterThePromisedDayAtTheReminderTime() {
        assertThat(schedule.promiseFollowUp("2026-11-30"))
                .isEqualTo(Date.from(ZonedDateTime.of(2026, 12, 2, 9, 0, 0, 0, OSLO).toInstant()));
        assertThatThrownBy(() -> schedule.promiseFollowUp("30.11.2026")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void disputeWaitAndTaskDueHaveTheirDefaults() {
        assertThat(schedule.disputeInformationWait()).isEqualTo("P7D");
        assertThat(schedule.taskDue()).isEqualTo(Date.from(NOW.plus(java.time.Duration.ofDays(2))));
    }
}
