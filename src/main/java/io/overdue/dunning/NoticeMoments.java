package io.overdue.dunning;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * When on a given day a notice goes: at the reminder time in the creditor's zone, plus a jitter derived from a key:
 * the invoice number for the first reminder and the courtesy reminder, the customer number for the dunning levels (so
 * that a customer's levels of one day fall due together and are bundled). Stable across amendments and retries, and
 * the notices of thousands of invoices planned for one day do not all fire in the same second.
 */
final class NoticeMoments {

    private NoticeMoments() {
    }

    static ZonedDateTime on(DunningProperties properties, String invoiceNumber, LocalDate day) {
        return day.atTime(properties.reminderTime()).atZone(properties.zone()).plus(jitter(properties, invoiceNumber));
    }

    static Date dateOn(DunningProperties properties, String invoiceNumber, LocalDate day) {
        return Date.from(on(properties, invoiceNumber, day).toInstant());
    }

    /**
     * The moment itself, or the customer's next contact hour when it falls outside them (a Sunday, a public holiday,
     * the night), keeping its time of day where it can; unchanged when {@link DunningProperties#contactHours()} is off.
     */
    static java.time.Instant withinContactHours(DunningProperties properties, io.overdue.channels.ContactWindows windows,
                                                String country, java.time.Instant at) {
        return properties.contactHours() ? windows.nextAllowed(country, at) : at;
    }

    static Duration jitter(DunningProperties properties, String invoiceNumber) {
        long window = properties.jitter().toSeconds();
        return Duration.ofSeconds(window <= 0 ? 0 : Math.floorMod(invoiceNumber.hashCode(), window));
    }
}
