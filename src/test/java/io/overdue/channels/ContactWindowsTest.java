package io.overdue.channels;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contact hours in the customer's zone across weekends, NO and SE public holidays, time zones and DST changes. */
class ContactWindowsTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final ContactWindows windows = new ContactWindows(
            new ContactProperties(null, null, null, null, null, null), OSLO);

    @Test
    void weekdaysFromEightToNine() {
        assertThat(next("NO", "2026-11-23T10:00", OSLO)).isEqualTo(at("2026-11-23T10:00", OSLO)); // a Monday
        assertThat(next("NO", "2026-11-23T07:00", OSLO)).isEqualTo(at("2026-11-23T08:00", OSLO));
        assertThat(next("NO", "2026-11-23T21:00", OSLO)).as("the end is exclusive").isEqualTo(at("2026-11-24T08:00", OSLO));
        assertThat(next("NO", "2026-11-23T22:30", OSLO)).isEqualTo(at("2026-11-24T08:00", OSLO));
        assertThat(windows.allowed("NO", at("2026-11-23T20:59", OSLO))).isTrue();
    }

    @Test
    void saturdaysNineToThreeAndNoSundaysKeepingTheTimeOfDayOnTheNextAllowedDay() {
        assertThat(next("NO", "2026-11-28T09:30", OSLO)).isEqualTo(at("2026-11-28T09:30", OSLO));
        assertThat(next("NO", "2026-11-28T08:15", OSLO)).isEqualTo(at("2026-11-28T09:00", OSLO));
        // after 15:00 on Saturday and all Sunday: Monday, at the same time of day when Monday allows it
        assertThat(next("NO", "2026-11-28T16:00", OSLO)).isEqualTo(at("2026-11-30T16:00", OSLO));
        assertThat(next("NO", "2026-11-29T09:41", OSLO)).as("a notice's jitter survives the wait")
                .isEqualTo(at("2026-11-30T09:41", OSLO));
        assertThat(next("NO", "2026-11-29T23:00", OSLO)).isEqualTo(at("2026-11-30T08:00", OSLO));
    }

    @Test
    void norwegianPublicHolidaysAreClosed() {
        // 17 May 2027, Constitution Day, a Monday
        assertThat(next("NO", "2027-05-17T10:00", OSLO)).isEqualTo(at("2027-05-18T10:00", OSLO));
        // Christmas Day (Friday) and Boxing Day (Saturday) 2026, then Sunday: Monday 28 December
        assertThat(next("NO", "2026-12-25T10:00", OSLO)).isEqualTo(at("2026-12-28T10:00", OSLO));
        assertThat(windows.isPublicHoliday("NO", java.time.LocalDate.of(2027, 3, 25))).as("Maundy Thursday 2027").isTrue();
        assertThat(windows.isPublicHoliday("NO", java.time.LocalDate.of(2027, 1, 6))).as("Epiphany is not one in Norway")
                .isFalse();
    }

    @Test
    void swedishPublicHolidaysAreClosedInSwedishTime() {
        // Epiphany (trettondedag jul), Wednesday 6 January 2027: a holiday in Sweden, not in Norway
        assertThat(next("SE", "2027-01-06T10:00", STOCKHOLM)).isEqualTo(at("2027-01-07T10:00", STOCKHOLM));
        assertThat(next("NO", "2027-01-06T10:00", OSLO)).isEqualTo(at("2027-01-06T10:00", OSLO));
        // National Day, Saturday 6 June 2026, then Sunday: Monday 8 June
        assertThat(next("SE", "2026-06-06T10:00", STOCKHOLM)).isEqualTo(at("2026-06-08T10:00", STOCKHOLM));
        assertThat(windows.zoneOf("se")).isEqualTo(STOCKHOLM);
    }

    @Test
    void hoursAreTheCustomersOwn() {
        // 07:30 in Oslo is 08:30 in Helsinki: a Finnish customer may be texted, a Norwegian one not yet
        Instant early = at("2026-11-23T07:30", OSLO);
        assertThat(windows.allowed("FI", early)).isTrue();
        assertThat(windows.allowed("NO", early)).isFalse();
        assertThat(windows.nextAllowed("FI", at("2026-11-23T20:30", OSLO))).as("21:30 in Helsinki")
                .isEqualTo(at("2026-11-24T08:00", HELSINKI));
        assertThat(windows.zoneOf("GB")).as("elsewhere the creditor's zone").isEqualTo(OSLO);
    }

    @Test
    void daylightSavingChangesAreCountedInLocalTime() {
        ContactWindows sundays = new ContactWindows(new ContactProperties(null, null, "02:30-05:00", false, null, null), OSLO);
        // 28 March 2027: clocks go from 02:00 to 03:00, so 02:30 does not exist; the window opens at 03:30 CEST
        assertThat(sundays.nextAllowed("NO", Instant.parse("2027-03-28T00:10:00Z")))
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        // 31 October 2027: 02:00-03:00 happens twice; 02:30 is its first occurrence (CEST, 00:30Z)
        assertThat(sundays.nextAllowed("NO", Instant.parse("2027-10-30T22:00:00Z")))
                .isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
        // on the normal hours, the evening ends at 21:00 local before the change (CET) and after it (CEST; Tuesday
        // 30 March, since Easter Monday the 29th is a public holiday)
        assertThat(windows.nextAllowed("NO", at("2027-03-19T21:00", OSLO))).isEqualTo(at("2027-03-20T09:00", OSLO));
        assertThat(windows.nextAllowed("NO", at("2027-03-29T20:59", OSLO))).isEqualTo(at("2027-03-30T20:59", OSLO));
        assertThat(windows.allowed("NO", at("2027-03-30T20:59", OSLO))).isTrue();
    }

    @Test
    void aCountryOverridesWhatItNames() {
        ContactWindows swedishSaturdaysClosed = new ContactWindows(new ContactProperties(null, null, null, null, null,
                Map.of("SE", new ContactProperties.Country(null, null, "closed", null, null))), OSLO);
        assertThat(swedishSaturdaysClosed.nextAllowed("SE", at("2026-11-28T10:00", STOCKHOLM)))
                .isEqualTo(at("2026-11-30T10:00", STOCKHOLM));
        assertThat(swedishSaturdaysClosed.nextAllowed("NO", at("2026-11-28T10:00", OSLO)))
                .isEqualTo(at("2026-11-28T10:00", OSLO));
    }

    @Test
    void onlySmsAndCallsAreHeldByDefault() {
        assertThat(windows.restricts("SMS")).isTrue();
        assertThat(windows.restricts("CALL")).isTrue();
        assertThat(windows.restricts("EMAIL")).isFalse();
        assertThat(new ContactWindows(new ContactProperties(null, null, null, null, Set.of("EMAIL"), null), OSLO)
                .restricts("EMAIL")).isTrue();
    }

    @Test
    void badHoursAreRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> new ContactProperties("21:00-08:00", null, null, null, null, null))
                .hasMessageContaining("overdue.contact.weekdays");
        assertThatThrownBy(() -> new ContactProperties(null, "9-15", null, null, null, null))
                .hasMessageContaining("overdue.contact.saturdays");
        assertThatThrownBy(() -> new ContactProperties(null, null, null, null, null,
                Map.of("SE", new ContactProperties.Country(null, null, null, "always", null))))
                .hasMessageContaining("overdue.contact.countries.SE.sundays");
        assertThatThrownBy(() -> new ContactWindows(new ContactProperties(null, "closed", "closed", null, null,
                Map.of("NO", new ContactProperties.Country(null, "closed", null, null, null))), OSLO)
                .nextAllowed("NO", Instant.parse("2026-11-23T10:00:00Z"))).hasMessageContaining("allows no contact");
    }

    private Instant next(String country, String local, ZoneId zone) {
        return windows.nextAllowed(country, at(local, zone));
    }

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }
}
