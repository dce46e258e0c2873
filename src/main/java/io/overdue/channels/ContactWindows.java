package io.overdue.channels;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.overdue.channels.ContactProperties.Hours;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hours in which a customer may be contacted ({@link ContactProperties}), in the customer's time zone: weekdays,
 * Saturdays and Sundays each with their own hours, and no contact on the country's public holidays (Jollyday's
 * calendar of that country; none for a country it does not know). A moment outside them moves to the next allowed
 * one, keeping its time of day where that day allows it: notices spread over an hour on a Sunday go out spread over
 * the same hour on Monday, not all at opening time.
 */
@Service
public class ContactWindows {

    /** Looking further than this for an allowed moment means the settings allow none. */
    private static final int DAYS_SEARCHED = 400;

    private final ContactProperties properties;
    private final ZoneId creditorZone;
    private final Map<String, Optional<HolidayManager>> holidays = new ConcurrentHashMap<>();

    public ContactWindows(ContactProperties properties, @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId creditorZone) {
        this.properties = properties;
        this.creditorZone = creditorZone;
    }

    /** Whether the hours hold for this channel (by default SMS and CALL). */
    public boolean restricts(String channel) {
        return properties.channels().contains(channel);
    }

    /** The customer's time zone: the country's setting, a Nordic country's capital, else the creditor's. */
    public ZoneId zoneOf(String country) {
        ContactProperties.Country own = own(country);
        if (own != null && own.zone() != null) {
            return own.zone();
        }
        return ContactProperties.NORDIC_ZONES.getOrDefault(code(country), creditorZone);
    }

    public boolean allowed(String country, Instant at) {
        return nextAllowed(country, at).equals(at);
    }

    /** The first moment at or after {@code at} at which a customer in {@code country} may be contacted. */
    public Instant nextAllowed(String country, Instant at) {
        ZoneId zone = zoneOf(country);
        ZonedDateTime wanted = at.atZone(zone);
        LocalTime timeOfDay = wanted.toLocalTime();
        LocalDate day = wanted.toLocalDate();
        for (int i = 0; i < DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            Hours hours = hoursOn(country, day);
            if (hours == null) {
                continue;
            }
            // A time in a daylight-saving gap moves forward by the gap, as ZonedDateTime does.
            ZonedDateTime open = ZonedDateTime.of(day, hours.from(), zone);
            ZonedDateTime close = ZonedDateTime.of(day, hours.until(), zone);
            ZonedDateTime candidate = i == 0 ? wanted : ZonedDateTime.of(day, timeOfDay, zone);
            if (candidate.isBefore(open)) {
                return open.toInstant();
            }
            if (candidate.isBefore(close)) {
                return candidate.toInstant();
            }
            if (i > 0) {
                // the wanted time of day is past this later day's hours: its opening is the next allowed moment
                return open.toInstant();
            }
        }
        throw new IllegalStateException("overdue.contact allows no contact in " + country + " within " + DAYS_SEARCHED
                + " days of " + at);
    }

    /** The allowed hours of the day in the country; null when none (closed, or a public holiday). */
    Hours hoursOn(String country, LocalDate day) {
        ContactProperties.Country own = own(country);
        boolean holidaysClosed = own != null && own.holidaysClosed() != null ? own.holidaysClosed() : properties.holidaysClosed();
        if (holidaysClosed && isPublicHoliday(country, day)) {
            return null;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        String hours = switch (weekday) {
            case SATURDAY -> own != null && own.saturdays() != null ? own.saturdays() : properties.saturdays();
            case SUNDAY -> own != null && own.sundays() != null ? own.sundays() : properties.sundays();
            default -> own != null && own.weekdays() != null ? own.weekdays() : properties.weekdays();
        };
        return Hours.parse("overdue.contact", hours);
    }

    public boolean isPublicHoliday(String country, LocalDate day) {
        return holidays.computeIfAbsent(code(country), ContactWindows::calendar)
                .map(manager -> manager.isHoliday(day, HolidayType.PUBLIC_HOLIDAY)).orElse(false);
    }

    /** Jollyday's calendar of the country (its codes are ISO 3166 codes); none for a country it does not know. */
    private static Optional<HolidayManager> calendar(String country) {
        return HolidayManager.getSupportedCalendarCodes().stream().filter(code -> code.equalsIgnoreCase(country)).findFirst()
                .map(code -> HolidayManager.getInstance(ManagerParameters.create(code)));
    }

    private ContactProperties.Country own(String country) {
        return properties.countries().get(code(country));
    }

    private static String code(String country) {
        return country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
    }
}
