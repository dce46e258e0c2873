package io.overdue.channels;

import io.overdue.customers.CustomerService;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * How often a customer may be contacted on a channel (brief, section 3): at most {@link ContactProperties#smsPerDay}
 * SMS on one day in the customer's zone, whatever case or kind of notice they come from. An SMS over the cap waits in
 * the outbox for the next day's contact hours; it is put off, never dropped.
 */
@Service
public class ContactFrequency {

    private final ContactProperties properties;
    private final ContactWindows windows;
    private final CustomerService customers;
    private final Outbox outbox;

    ContactFrequency(ContactProperties properties, ContactWindows windows, CustomerService customers, Outbox outbox) {
        this.properties = properties;
        this.windows = windows;
        this.customers = customers;
        this.outbox = outbox;
    }

    /** The first moment at or after {@code now} at which one more SMS to the customer keeps within the cap. */
    Instant nextSms(String customerNumber, Instant now) {
        if (properties.smsPerDay() == 0) {
            return now;
        }
        String country = customers.find(customerNumber).map(customer -> customer.country()).orElse(null);
        ZoneId zone = windows.zoneOf(country);
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<LocalDate> days = outbox.smsMoments(customerNumber, today.atStartOfDay(zone).toInstant()).stream()
                .map(moment -> LocalDate.ofInstant(moment, zone)).toList();
        Instant candidate = now;
        LocalDate day = today;
        while (countOn(days, day) >= properties.smsPerDay()) {
            day = day.plusDays(1);
            candidate = windows.nextAllowed(country, day.atStartOfDay(zone).toInstant());
            day = LocalDate.ofInstant(candidate, zone);
        }
        return candidate;
    }

    private static long countOn(List<LocalDate> days, LocalDate day) {
        return days.stream().filter(day::equals).count();
    }
}
