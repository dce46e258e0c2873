package io.overdue.dunning;

import io.overdue.channels.ContactProperties;
import io.overdue.channels.ContactWindows;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The first reminder and every level are planned within the customer's contact hours: a Sunday or a public holiday
 * moves to the next allowed day at the same time, so the jitter that spreads a day's notices survives; a moment in the
 * night (a broken promise's level "at once") waits for the morning.
 */
class ContactHoursTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final String INVOICE = "4711";

    private final ContactWindows windows = contactWindows();
    private final DunningProperties on = DunningProperties.defaults();
    private final DunningProperties off = new DunningProperties(null, null, null, null, null, null, null, null, null, null,
            false, null);

    @Test
    void aFirstReminderDueOnASundayGoesOnMondayAtTheSameTime() {
        // due Thursday 26 November 2026, three days' grace: Sunday the 29th
        LocalDate due = LocalDate.of(2026, 11, 26);
        Instant sunday = NoticeMoments.on(on, INVOICE, LocalDate.of(2026, 11, 29)).toInstant();
        Instant monday = NoticeMoments.on(on, INVOICE, LocalDate.of(2026, 11, 30)).toInstant();

        assertThat(cases(on).firstReminderAt(INVOICE, due, "NO").toInstant()).isEqualTo(monday);
        assertThat(cases(off).firstReminderAt(INVOICE, due, "NO").toInstant()).as("contact hours off").isEqualTo(sunday);
    }

    @Test
    void aFirstReminderDueOnChristmasDayWaitsForTheNextWorkingDay() {
        // due 22 December 2026: Christmas Day (Friday), Boxing Day (Saturday), Sunday, then Monday the 28th
        assertThat(cases(on).firstReminderAt(INVOICE, LocalDate.of(2026, 12, 22), "NO").toInstant())
                .isEqualTo(NoticeMoments.on(on, INVOICE, LocalDate.of(2026, 12, 28)).toInstant());
        // a working day stays as it was
        assertThat(cases(on).firstReminderAt(INVOICE, LocalDate.of(2026, 11, 20), "NO").toInstant())
                .isEqualTo(NoticeMoments.on(on, INVOICE, LocalDate.of(2026, 11, 23)).toInstant());
    }

    @Test
    void aLevelPlannedForTheNightWaitsForTheMorning() {
        Instant saturdayNight = LocalDateTime.parse("2026-11-28T23:10").atZone(OSLO).toInstant();
        assertThat(NoticeMoments.withinContactHours(on, windows, "NO", saturdayNight))
                .isEqualTo(LocalDateTime.parse("2026-11-30T08:00").atZone(OSLO).toInstant());
        assertThat(NoticeMoments.withinContactHours(off, windows, "NO", saturdayNight)).isEqualTo(saturdayNight);
    }

    private CollectionCases cases(DunningProperties properties) {
        return new CollectionCases(mock(RuntimeService.class), mock(ProcessEngine.class), properties, null, windows);
    }

    /** The service as the application builds it: default hours, the creditor in Oslo. */
    private static ContactWindows contactWindows() {
        return new ContactWindows(new ContactProperties(null, null, null, null, null, null), OSLO);
    }
}
