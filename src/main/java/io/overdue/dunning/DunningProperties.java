package io.overdue.dunning;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;

/**
 * Timing of the first version of the collection case. The full dunning policy (levels, fees, channels per
 * country) moves into a DMN table; these remain the defaults around it.
 *
 * @param gracePeriod       days after the due date before the first reminder (payments take a day or two)
 * @param reminderTime      local time of day at which reminders go out
 * @param zone              the creditor's time zone, in which due dates and reminder times are read
 * @param jitter            reminders of one day are spread over this window so that they do not all fire at once
 * @param reminderDeadline  how long the customer has to pay after the first reminder before a collector follows up
 * @param followUpInterval  how long a collector waits before following up again when there is no promise
 */
@ConfigurationProperties("overdue.dunning")
public record DunningProperties(Period gracePeriod, LocalTime reminderTime, ZoneId zone, Duration jitter,
                                Period reminderDeadline, Period followUpInterval) {

    public DunningProperties {
        gracePeriod = gracePeriod == null ? Period.ofDays(3) : gracePeriod;
        reminderTime = reminderTime == null ? LocalTime.of(9, 0) : reminderTime;
        zone = zone == null ? ZoneId.of("Europe/Oslo") : zone;
        jitter = jitter == null ? Duration.ofHours(1) : jitter;
        reminderDeadline = reminderDeadline == null ? Period.ofDays(14) : reminderDeadline;
        followUpInterval = followUpInterval == null ? Period.ofDays(3) : followUpInterval;
    }
}
