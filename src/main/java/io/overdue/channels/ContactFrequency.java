package io.overdue.channels;

import io.overdue.customers.CustomerService;
import org.springframework.stereotype.Service;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * How often a customer may be contacted on a channel (brief, section 3): at most {@link ContactProperties#smsPerDay}
 * SMS on one day in the customer's zone, whatever case or kind of notice they come from. An SMS over the cap waits in
 * the outbox for the next day's contact hours; it is put off, never dropped. And at most
 * {@link ContactProperties#callsPerDay} call tasks a day and {@link ContactProperties#callsPerWeek} a week (Monday to
 * Sunday) per customer, each in the customer's contact hours: {@link #reserveCall} gives the moment a call task opens.
 */
@Service
public class ContactFrequency {

    /** The channel name of a collector's call in {@link ContactProperties#channels}. */
    public static final String CALL = "CALL";

    private final ContactProperties properties;
    private final ContactWindows windows;
    private final CustomerService customers;
    private final Outbox outbox;
    private final NamedParameterJdbcTemplate jdbc;

    ContactFrequency(ContactProperties properties, ContactWindows windows, CustomerService customers, Outbox outbox,
                     NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.windows = windows;
        this.customers = customers;
        this.outbox = outbox;
    }

    /**
     * The first moment at or after {@code now} at which one more SMS to the customer keeps within the cap. Holds the
     * customer until the caller's transaction ends, so that two cases deciding an SMS at once count each other.
     */
    Instant nextSms(String customerNumber, Instant now) {
        if (properties.smsPerDay() == 0) {
            return now;
        }
        customers.holdForContact(customerNumber);
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

    /**
     * Reserves the customer's next call slot at or after {@code now}: the first moment of a day that has fewer than the
     * day's cap of call tasks, in a week below the week's cap, and, when {@code withinHours}, within the customer's
     * contact hours for calls.
     *
     * @return when the call task may open; {@code now} when the slot is free at once
     */
    public Instant reserveCall(String customerNumber, String invoiceNumber, Instant now, boolean withinHours) {
        String country = customers.find(customerNumber).map(customer -> customer.country()).orElse(null);
        ZoneId zone = windows.zoneOf(country);
        boolean hours = withinHours && windows.restricts(CALL);
        LocalDate monday = LocalDate.ofInstant(now, zone).with(DayOfWeek.MONDAY);
        List<LocalDate> taken = jdbc.queryForList("""
                        SELECT slot_day FROM call_slot WHERE customer_number = :c AND slot_day >= :monday""",
                new MapSqlParameterSource().addValue("c", customerNumber).addValue("monday", Date.valueOf(monday)),
                Date.class).stream().map(Date::toLocalDate).toList();
        Instant slot = hours ? windows.nextAllowed(country, now) : now;
        for (int day = 0; day < 366; day++) {
            LocalDate on = LocalDate.ofInstant(slot, zone);
            boolean dayFull = properties.callsPerDay() > 0 && countOn(taken, on) >= properties.callsPerDay();
            LocalDate weekStart = on.with(DayOfWeek.MONDAY);
            boolean weekFull = properties.callsPerWeek() > 0 && taken.stream()
                    .filter(d -> !d.isBefore(weekStart) && d.isBefore(weekStart.plusWeeks(1))).count() >= properties.callsPerWeek();
            if (!dayFull && !weekFull) {
                break;
            }
            Instant start = (weekFull ? weekStart.plusWeeks(1) : on.plusDays(1)).atStartOfDay(zone).toInstant();
            slot = hours ? windows.nextAllowed(country, start) : start;
        }
        jdbc.update("""
                INSERT INTO call_slot (customer_number, invoice_number, slot_day, slot_at, reserved_at)
                VALUES (:c, :invoice, :day, :at, :now)""", new MapSqlParameterSource().addValue("c", customerNumber)
                .addValue("invoice", invoiceNumber).addValue("day", Date.valueOf(LocalDate.ofInstant(slot, zone)))
                .addValue("at", Timestamp.from(slot)).addValue("now", Timestamp.from(now)));
        return slot;
    }

    /** The customer's invoices that ever reserved a call slot: only their cases can be waiting for one. */
    public List<String> slotHolders(String customerNumber) {
        return jdbc.queryForList("SELECT DISTINCT invoice_number FROM call_slot WHERE customer_number = :c",
                Map.of("c", customerNumber), String.class);
    }

    private static long countOn(List<LocalDate> days, LocalDate day) {
        return days.stream().filter(day::equals).count();
    }
}
