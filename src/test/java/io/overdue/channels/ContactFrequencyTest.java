package io.overdue.channels;

import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** One SMS a day per customer, the day in the customer's zone, and the next one in that zone's next contact hours. */
class ContactFrequencyTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final Outbox outbox = mock(Outbox.class);
    private final CustomerService customers = mock(CustomerService.class);

    private ContactFrequency frequency(Integer smsPerDay) {
        ContactProperties properties = new ContactProperties(null, null, null, null, null, null, smsPerDay, null, null);
        return new ContactFrequency(properties, new ContactWindows(properties, OSLO), customers, outbox, null);
    }

    private void customer(String number, String country, Instant... earlierSms) {
        Customer customer = mock(Customer.class);
        when(customer.country()).thenReturn(country);
        when(customers.find(number)).thenReturn(Optional.of(customer));
        when(outbox.smsMoments(eq(number), any())).thenReturn(List.of(earlierSms));
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void theFirstSmsOfTheDayGoesNowAndTheSecondOnTheNextDaysFirstHour() {
        customer("C1", "NO");
        Instant friday = at("2027-05-07T10:00", OSLO);
        assertThat(frequency(1).nextSms("C1", friday)).isEqualTo(friday);

        customer("C1", "NO", at("2027-05-07T09:00", OSLO));
        assertThat(frequency(1).nextSms("C1", friday)).as("Saturday's hours start at 09:00")
                .isEqualTo(at("2027-05-08T09:00", OSLO));
    }

    @Test
    void aSundayAndTheNorwegianNationalDayAreSkipped() {
        // Saturday 15 May 2027 has its SMS; Sunday is closed and Monday 17 May is a public holiday.
        customer("C2", "NO", at("2027-05-15T10:00", OSLO));
        assertThat(frequency(1).nextSms("C2", at("2027-05-15T11:00", OSLO))).isEqualTo(at("2027-05-18T08:00", OSLO));
    }

    @Test
    void aSwedishCustomerWaitsOverEpiphanyInStockholmTime() {
        customer("C3", "SE", at("2027-01-05T12:00", STOCKHOLM));
        assertThat(frequency(1).nextSms("C3", at("2027-01-05T13:00", STOCKHOLM))).isEqualTo(at("2027-01-07T08:00", STOCKHOLM));
    }

    @Test
    void theDayChangesAtTheCustomersMidnightAndTheSummerTimeChangeIsKept() {
        // 23:30 in Oslo is already the next day in Helsinki: the SMS then sent counts for Saturday there.
        customer("C4", "FI", at("2027-03-26T23:30", OSLO));
        Instant next = frequency(1).nextSms("C4", at("2027-03-27T10:00", HELSINKI));
        // Summer time began on Sunday 28 March (Easter Day, closed); Monday 29 March is Easter Monday, a Finnish
        // holiday. Tuesday 08:00 EEST is 05:00 UTC, where it was 06:00 UTC before the change.
        assertThat(next).isEqualTo(at("2027-03-30T08:00", HELSINKI)).isEqualTo(Instant.parse("2027-03-30T05:00:00Z"));
    }

    @Test
    void aHigherCapAllowsMoreAndZeroHasNone() {
        customer("C5", "NO", at("2027-05-07T09:00", OSLO));
        Instant friday = at("2027-05-07T10:00", OSLO);
        assertThat(frequency(2).nextSms("C5", friday)).isEqualTo(friday);
        customer("C5", "NO", at("2027-05-07T09:00", OSLO), at("2027-05-07T09:30", OSLO), at("2027-05-08T09:00", OSLO));
        assertThat(frequency(2).nextSms("C5", friday)).as("Saturday has one, so one more fits there")
                .isEqualTo(at("2027-05-08T09:00", OSLO));
        assertThat(frequency(0).nextSms("C5", friday)).isEqualTo(friday);
    }

    @Test
    void aNegativeCapIsRefusedAtStart() {
        assertThatThrownBy(() -> new ContactProperties(null, null, null, null, null, null, -1, null, null))
                .hasMessageContaining("overdue.contact.sms-per-day");
    }
}
