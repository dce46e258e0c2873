package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * When customers may be contacted (brief, section 3: no dunning at unsociable hours), in the customer's time zone.
 * Hours are {@code HH:mm-HH:mm} or {@code closed}; the end is exclusive. A country's entry overrides only what it
 * names; a country without an entry, or without a zone, takes the defaults (the zone of its capital for the Nordic
 * countries, else {@code overdue.dunning.zone}).
 *
 * @param weekdays        Monday to Friday (default 08:00-21:00)
 * @param saturdays       (default 09:00-15:00)
 * @param sundays         (default closed)
 * @param holidaysClosed  no contact on the country's public holidays (default true), from Jollyday's calendar
 * @param channels        the channels these hours hold for (default SMS and CALL: a text or call at night intrudes,
 *                        an email or letter waits to be read)
 * @param countries       per ISO country code, e.g. {@code overdue.contact.countries.SE.saturdays=closed}
 * @param smsPerDay       SMS to one customer on one day (in its zone), all cases and kinds together (default 1); one
 *                        more waits for the next day's contact hours. 0: no cap
 * @param callsPerDay     call tasks for one customer on one day (default 1); 0: no cap
 * @param callsPerWeek    call tasks for one customer in one week, Monday to Sunday (default 5); 0: no cap
 */
@ConfigurationProperties("overdue.contact")
public record ContactProperties(String weekdays, String saturdays, String sundays, Boolean holidaysClosed,
                                Set<String> channels, Map<String, Country> countries, Integer smsPerDay,
                                Integer callsPerDay, Integer callsPerWeek) {

    static final Map<String, ZoneId> NORDIC_ZONES = Map.of("NO", ZoneId.of("Europe/Oslo"), "SE", ZoneId.of("Europe/Stockholm"),
            "DK", ZoneId.of("Europe/Copenhagen"), "FI", ZoneId.of("Europe/Helsinki"), "IS", ZoneId.of("Atlantic/Reykjavik"));

    @ConstructorBinding
    public ContactProperties {
        weekdays = weekdays == null ? "08:00-21:00" : weekdays;
        saturdays = saturdays == null ? "09:00-15:00" : saturdays;
        sundays = sundays == null ? "closed" : sundays;
        holidaysClosed = holidaysClosed == null || holidaysClosed;
        channels = channels == null || channels.isEmpty() ? Set.of(SmsChannel.CHANNEL, ContactFrequency.CALL) : Set.copyOf(channels);
        countries = countries == null ? Map.of() : new TreeMap<>(countries);
        smsPerDay = smsPerDay == null ? 1 : smsPerDay;
        callsPerDay = callsPerDay == null ? 1 : callsPerDay;
        callsPerWeek = callsPerWeek == null ? 5 : callsPerWeek;
        for (Map.Entry<String, Integer> cap : Map.of("sms-per-day", smsPerDay, "calls-per-day", callsPerDay,
                "calls-per-week", callsPerWeek).entrySet()) {
            if (cap.getValue() < 0) {
                throw new IllegalArgumentException("overdue.contact." + cap.getKey() + " must be 0 (no cap) or more, not "
                        + cap.getValue());
            }
        }
        Hours.parse("overdue.contact.weekdays", weekdays);
        Hours.parse("overdue.contact.saturdays", saturdays);
        Hours.parse("overdue.contact.sundays", sundays);
        countries.forEach((code, country) -> {
            String prefix = "overdue.contact.countries." + code + ".";
            if (country.weekdays() != null) {
                Hours.parse(prefix + "weekdays", country.weekdays());
            }
            if (country.saturdays() != null) {
                Hours.parse(prefix + "saturdays", country.saturdays());
            }
            if (country.sundays() != null) {
                Hours.parse(prefix + "sundays", country.sundays());
            }
        });
    }

    /** Hours only, with the default caps. */
    public ContactProperties(String weekdays, String saturdays, String sundays, Boolean holidaysClosed,
                             Set<String> channels, Map<String, Country> countries) {
        this(weekdays, saturdays, sundays, holidaysClosed, channels, countries, null, null, null);
    }

    /** A country's own settings; what is absent comes from the defaults. */
    public record Country(ZoneId zone, String weekdays, String saturdays, String sundays, Boolean holidaysClosed) {
    }

    /** A day's allowed hours: from (inclusive) to until (exclusive); none when closed. */
    record Hours(LocalTime from, LocalTime until) {

        static Hours parse(String property, String value) {
            String text = value.strip();
            if (text.equalsIgnoreCase("closed")) {
                return null;
            }
            String[] parts = text.split("-");
            try {
                if (parts.length == 2) {
                    Hours hours = new Hours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
                    if (hours.from().isBefore(hours.until())) {
                        return hours;
                    }
                }
            } catch (java.time.format.DateTimeParseException e) {
                // reported below
            }
            throw new IllegalArgumentException(property + " must be HH:mm-HH:mm with the start first, or closed; not '"
                    + value + "'");
        }
    }
}
